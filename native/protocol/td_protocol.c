/*
 * TinyDeploy board protocol v1, board side (docs/protocol.md). Portable C99, no malloc, no stdio, no float
 * arithmetic per result: about 60 bytes of RAM, so it fits an ATmega328P next to a small model.
 * Host lines are tokenized byte by byte; the q= of an @in is decoded straight into the model's input buffer.
 */
#include "td_protocol.h"

#define TD_TOKEN_CAP 20  /* longest non-@in token: "@hello?", "stream", "ms=65535", "id=4294967295" */
#define TD_OUT_CAP 32    /* bytes gathered before one port->write */
#define TD_MAX_SCORES 16 /* result lines list at most this many scores, so they stay under 255 bytes */

typedef enum { CMD_NONE, CMD_HELLO, CMD_RAM, CMD_MODE, CMD_RATE, CMD_IN, CMD_UNKNOWN } td_cmd;
typedef enum { ERR_NONE, ERR_CRC, ERR_SYNTAX, ERR_SIZE, ERR_UNKNOWN, ERR_OVERFLOW } td_err;

static const td_port *port;
static const td_model_info *model;
static int8_t *input;
static uint16_t period_ms;
static uint16_t seq;
static uint8_t streaming;
static uint8_t ram_due;
static uint32_t last_stream_us;
static uint32_t last_ram_us;
/* (q - zero point) * mult >> shift = value * 10000, for the output scores and (one-value inputs) the input x. */
typedef struct {
  int32_t mult;
  uint8_t shift;
} td_fixed4;
static td_fixed4 score_fmt;
static td_fixed4 x_fmt; /* mult 0: the result lines carry no x */
#define TD_NO_X 0x7FFF
static int16_t x_pending = TD_NO_X; /* the input latched by td_proto_input_ready, until the next result */

/* The host line being read. */
static char token[TD_TOKEN_CAP];
static uint8_t token_len;
static uint8_t token_index; /* 0 = the command word */
static uint8_t crc_all;     /* CRC of every byte of the line so far */
static uint8_t crc_body;    /* CRC up to the last space: the body if a " *CC" follows */
static uint8_t in_hex;      /* inside the q= of an @in: bytes go to the input buffer */
static uint8_t hex_high;    /* the pending high nibble + 1, 0 when none */
static uint32_t in_count;
static uint8_t line_cmd, line_err, has_crc, crc_value, mode_value, seen_q;
static uint32_t line_id, line_ms;
static uint32_t out_id;

/* The board line being written. */
static char out[TD_OUT_CAP];
static uint8_t out_len;
static uint8_t out_crc;

static uint8_t crc_step(uint8_t crc, uint8_t byte) {
  uint8_t i;
  crc ^= byte;
  for (i = 0; i < 8; ++i) crc = (uint8_t)((crc & 0x80u) ? ((unsigned)crc << 1) ^ 0x07u : (unsigned)crc << 1);
  return crc;
}

uint8_t td_crc8(const char *data, uint16_t len) {
  uint8_t crc = 0;
  while (len--) crc = crc_step(crc, (uint8_t)*data++);
  return crc;
}

static void flush_out(void) {
  if (out_len) port->write(out, out_len);
  out_len = 0;
}

static void put_raw(char c) {
  if (out_len == TD_OUT_CAP) flush_out();
  out[out_len++] = c;
}

static void put_c(char c) {
  out_crc = crc_step(out_crc, (uint8_t)c);
  put_raw(c);
}

/* Literal text: from flash on AVR (PSTR), where string constants would otherwise take RAM. */
#ifdef __AVR__
#include <avr/pgmspace.h>
static void put_p(const char *s) {
  char c;
  while ((c = (char)pgm_read_byte(s++)) != 0) put_c(c);
}
#define put_s(s) put_p(PSTR(s))
#else
static void put_p(const char *s) {
  while (*s) put_c(*s++);
}
#define put_s(s) put_p(s)
#endif

/* Up to 4 decimal digits (v < 10000) by subtraction; `all` keeps leading zeros. 8-bit MCUs have no divider. */
static void put_digits4(uint16_t v, uint8_t all) {
  static const uint16_t tens[] = {1000u, 100u, 10u, 1u};
  uint8_t k;
  for (k = 0; k < 4u; ++k) {
    char d = '0';
    while (v >= tens[k]) {
      v = (uint16_t)(v - tens[k]);
      ++d;
    }
    if (all || d != '0' || k == 3u) {
      put_c(d);
      all = 1;
    }
  }
}

static void put_u(uint32_t v) {
  if (v >= 10000u) {
    put_u(v / 10000u); /* rare: latencies over 10 ms, RAM sizes; the common numbers never divide */
    put_digits4((uint16_t)(v % 10000u), 1);
  } else {
    put_digits4((uint16_t)v, 0);
  }
}

static void put_i(int32_t v) {
  if (v < 0) {
    put_c('-');
    put_u((uint32_t)(-(v + 1)) + 1u);
  } else {
    put_u((uint32_t)v);
  }
}

static const char hex_digits[] = "0123456789abcdef";

static void put_hex(uint8_t b) {
  put_c(hex_digits[b >> 4]);
  put_c(hex_digits[b & 15u]);
}

static void begin_line(void) { out_crc = 0; }

static void put_seq(void) {
  put_c('#');
  put_u(seq);
  seq = (uint16_t)(seq + 1u);
}

static void end_line(void) {
  uint8_t crc = out_crc;
  put_raw(' ');
  put_raw('*');
  put_raw("0123456789ABCDEF"[crc >> 4]);
  put_raw("0123456789ABCDEF"[crc & 15u]);
  put_raw('\r');
  put_raw('\n');
  flush_out();
}

/* Text values carry no spaces (docs/protocol.md): a space in a name becomes '_'. */
static void put_text(const char *s) {
  for (; *s; ++s) put_c(*s == ' ' ? '_' : *s);
}

static void put_dims(const int32_t *dims, uint8_t rank) {
  uint8_t i;
  for (i = 0; i < rank; ++i) {
    if (i) put_c('x');
    put_i(dims[i]);
  }
  put_s(":i8");
}

/* Writes the name of output i: its label, or y (one output) / y1..yN (no labels). */
static void put_label(uint32_t index) {
  const char *l = model->labels;
  uint32_t i = index;
  if (!l || !*l) {
    put_c('y');
    if (model->out_size > 1u) put_u(index + 1u);
    return;
  }
  while (i && *l) {
    if (*l++ == ',') --i;
  }
  if (!*l) { /* fewer labels than outputs: fall back to the index */
    put_c('y');
    put_u(index + 1u);
    return;
  }
  for (; *l && *l != ','; ++l) put_c(*l == ' ' ? '_' : *l);
}

/* A dequantized value * 10000 rounded half away from zero, as "-0.1234" with integer arithmetic only. */
static void put_fixed4(int8_t q, int32_t zero_point, const td_fixed4 *f) {
  int32_t d = (int32_t)q - zero_point;
  int32_t p = d * f->mult;
  int32_t half = f->shift ? ((int32_t)1 << (f->shift - 1)) : 0;
  uint32_t v, whole;
  if (p < 0) {
    put_c('-');
    v = (uint32_t)((-(p + 1)) + 1) + (uint32_t)half;
  } else {
    v = (uint32_t)p + (uint32_t)half;
  }
  v >>= f->shift;
  whole = 0;
  if (v >= 100000u) { /* a large regression output: divide once */
    whole = v / 10000u;
    v -= whole * 10000u;
  }
  for (; v >= 10000u; ++whole) v -= 10000u; /* scores are small: a few subtractions, no division */
  put_u(whole);
  put_c('.');
  put_digits4((uint16_t)v, 1);
}

/* mult = scale * 10000 * 2^shift with the largest shift that keeps 255 * mult inside int32. */
static void prepare_fixed4(float scale, td_fixed4 *f) {
  float m = scale * 10000.0f;
  uint8_t s = 0;
  if (m < 0.0f) m = 0.0f;
  while (s < 20u && m * 2.0f * 255.0f < 2147483000.0f) {
    m *= 2.0f;
    ++s;
  }
  if (m * 255.0f >= 2147483000.0f) m = 2147483000.0f / 255.0f;
  f->mult = (int32_t)(m + 0.5f);
  f->shift = s;
}

static void reset_line(void) {
  token_len = 0;
  token_index = 0;
  crc_all = 0;
  crc_body = 0;
  in_hex = 0;
  hex_high = 0;
  in_count = 0;
  line_cmd = CMD_NONE;
  line_err = ERR_NONE;
  has_crc = 0;
  crc_value = 0;
  mode_value = 0;
  seen_q = 0;
  line_id = 0;
  line_ms = 0;
}

void td_proto_begin(const td_port *p, const td_model_info *info, int8_t *in, uint16_t period) {
  port = p;
  model = info;
  input = in;
  period_ms = period;
  seq = 0;
  streaming = 1;
  out_len = 0;
  prepare_fixed4(model->out_scale, &score_fmt);
  /* A one-value input (a sweep, one analog pin) goes on every result line, so a plot can put y against x. */
  x_fmt.mult = 0;
  x_pending = TD_NO_X;
  if (model->in_size == 1 && model->in_scale > 0.0f) prepare_fixed4(model->in_scale, &x_fmt);
  reset_line();
  last_stream_us = port->micros();
  last_ram_us = last_stream_us;
  put_raw('\r'); /* ends a line that a reset cut in half, so the hello that follows is read whole */
  put_raw('\n');
  td_proto_hello();
  ram_due = 1;
}

void td_proto_input_ready(void) {
  x_pending = input[0];
}

void td_proto_hello(void) {
  begin_line();
  put_s("@hello ");
  put_s("v=1 ");
  put_seq();
  put_s(" board=");
  put_text(model->board);
  put_s(" model=");
  put_text(model->model);
  put_s(" hash=");
  put_text(model->hash);
  put_s(" in=");
  put_dims(model->in_dims, model->in_rank);
  put_s(" out=");
  put_dims(model->out_dims, model->out_rank);
  put_s(" labels=");
  if (model->labels && *model->labels) put_text(model->labels);
  else put_c('-');
  put_s(" backend=");
  put_text(model->backend);
  put_s(" act=");
  put_u(model->act_bytes);
  put_s(" ram=");
  put_u(model->ram_total);
  put_s(" src=");
  put_text(model->source);
  put_s(" period=");
  put_u(period_ms);
  end_line();
}

void td_proto_result(const int8_t *output, uint32_t latency_us) {
  uint32_t i, top = 0;
  for (i = 1; i < model->out_size; ++i) {
    if (output[i] > output[top]) top = i;
  }
  begin_line();
  for (i = 0; i < model->out_size && i < TD_MAX_SCORES; ++i) {
    put_label(i);
    put_c(':');
    put_fixed4(output[i], model->out_zero_point, &score_fmt);
    put_c(' ');
  }
  put_s("top=");
  put_label(top);
  put_s(" us=");
  put_u(latency_us);
  if (x_fmt.mult && x_pending != TD_NO_X) {
    put_s(" x=");
    put_fixed4((int8_t)x_pending, model->in_zero_point, &x_fmt);
  }
  x_pending = TD_NO_X;
  put_c(' ');
  put_seq();
  end_line();
}

void td_proto_output(const int8_t *output, uint32_t latency_us) {
  uint32_t i;
  begin_line();
  put_s("@out ");
  put_seq();
  put_s(" id=");
  put_u(out_id);
  put_s(" q=");
  for (i = 0; i < model->out_size; ++i) put_hex((uint8_t)output[i]);
  put_s(" us=");
  put_u(latency_us);
  end_line();
}

void td_proto_ram(const td_ram_stats *stats) {
  ram_due = 0;
  last_ram_us = port->micros();
  begin_line();
  put_s("@ram ");
  put_seq();
  put_s(" free=");
  put_u(stats->free_bytes);
  put_s(" stack=");
  put_u(stats->stack_used);
  put_s(" act=");
  put_u(stats->act_bytes);
  put_s(" total=");
  put_u(stats->total);
  end_line();
}

static void send_ack(uint8_t cmd) {
  begin_line();
  put_s("@ack ");
  put_seq();
  put_s(" id=");
  put_u(line_id);
  if (cmd == CMD_MODE) put_s(" cmd=mode");
  else put_s(" cmd=rate");
  end_line();
}

static void send_err(uint8_t err) {
  begin_line();
  put_s("@err ");
  put_seq();
  if (err == ERR_CRC) put_s(" code=crc msg=checksum_mismatch");
  else if (err == ERR_SYNTAX) put_s(" code=syntax msg=malformed_line");
  else if (err == ERR_SIZE) put_s(" code=size msg=input_size_mismatch");
  else if (err == ERR_UNKNOWN) put_s(" code=unknown msg=unknown_command");
  else put_s(" code=overflow msg=line_too_long");
  end_line();
}

static uint8_t token_is(const char *s) {
  uint8_t i;
  for (i = 0; i < token_len; ++i) {
    if (s[i] != token[i]) return 0;
  }
  return s[token_len] == '\0';
}

static int8_t hex_value(char c) {
  if (c >= '0' && c <= '9') return (int8_t)(c - '0');
  if (c >= 'a' && c <= 'f') return (int8_t)(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return (int8_t)(c - 'A' + 10);
  return -1;
}

/* Parses the decimal value after "key=" in the token; 0 on a malformed number. */
static uint8_t token_number(uint8_t from, uint32_t *value) {
  uint32_t v = 0;
  uint8_t i;
  if (from >= token_len) return 0;
  for (i = from; i < token_len; ++i) {
    if (token[i] < '0' || token[i] > '9') return 0;
    v = v * 10u + (uint32_t)(token[i] - '0');
  }
  *value = v;
  return 1;
}

static void end_token(void) {
  if (line_err != ERR_NONE) return;
  if (in_hex) {
    in_hex = 0;
    if (hex_high) line_err = ERR_SYNTAX;
    else if (in_count != model->in_size) line_err = ERR_SIZE;
  } else if (token_len == 0) {
    return; /* doubled space or empty line */
  } else if (has_crc) {
    line_err = ERR_SYNTAX; /* nothing may follow the checksum */
  } else if (token_index == 0) {
    line_cmd = token_is("@hello?") ? CMD_HELLO : token_is("@ram?") ? CMD_RAM : token_is("@mode") ? CMD_MODE
             : token_is("@rate") ? CMD_RATE : token_is("@in") ? CMD_IN : CMD_UNKNOWN;
  } else if (token[0] == '*' && token_len == 3 && hex_value(token[1]) >= 0 && hex_value(token[2]) >= 0) {
    has_crc = 1;
    crc_value = (uint8_t)(hex_value(token[1]) * 16 + hex_value(token[2]));
  } else if (token_len > 3 && token[0] == 'i' && token[1] == 'd' && token[2] == '=') {
    if (!token_number(3, &line_id)) line_err = ERR_SYNTAX;
  } else if (line_cmd == CMD_RATE && token_len > 3 && token[0] == 'm' && token[1] == 's' && token[2] == '=') {
    if (!token_number(3, &line_ms) || line_ms > 65535u) line_err = ERR_SYNTAX;
  } else if (line_cmd == CMD_MODE && token_is("stream")) {
    mode_value = 1;
  } else if (line_cmd == CMD_MODE && token_is("host")) {
    mode_value = 2;
  } else if (line_cmd != CMD_UNKNOWN) {
    line_err = ERR_SYNTAX;
  }
  token_len = 0;
  ++token_index;
}

/* Checks and runs a complete host line; returns the event it asks of the caller. */
static td_event end_host_line(void) {
  td_event ev = TD_EV_NONE;
  end_token();
  if (line_cmd == CMD_NONE && line_err == ERR_NONE) {
    reset_line();
    return TD_EV_NONE; /* a blank line */
  }
  if (line_err == ERR_NONE && has_crc && crc_value != crc_body) line_err = ERR_CRC;
  if (line_err == ERR_NONE && line_cmd == CMD_UNKNOWN) line_err = ERR_UNKNOWN;
  if (line_err == ERR_NONE) {
    if (line_cmd == CMD_HELLO) {
      td_proto_hello();
    } else if (line_cmd == CMD_RAM) {
      ram_due = 1;
    } else if (line_cmd == CMD_MODE) {
      if (!mode_value) line_err = ERR_SYNTAX;
      else {
        streaming = mode_value == 1;
        last_stream_us = port->micros() - (uint32_t)period_ms * 1000u;
        send_ack(CMD_MODE);
      }
    } else if (line_cmd == CMD_RATE) {
      period_ms = (uint16_t)line_ms;
      send_ack(CMD_RATE);
    } else if (line_cmd == CMD_IN) {
      if (!seen_q) line_err = in_count ? ERR_SYNTAX : ERR_SIZE;
      else {
        out_id = line_id;
        ev = TD_EV_HOST_INPUT;
      }
    }
  }
  if (line_err != ERR_NONE) send_err(line_err);
  reset_line();
  return ev;
}

/* Feeds one received byte; returns an event when it completed a host line that asks for one. */
static td_event feed(char c) {
  if (c == '\n' || c == '\r') {
    if (token_index == 0 && token_len == 0 && line_err == ERR_NONE) return TD_EV_NONE; /* \n after \r */
    return end_host_line();
  }
  if (c == ' ') {
    crc_body = crc_all;
    crc_all = crc_step(crc_all, (uint8_t)c);
    end_token();
    return TD_EV_NONE;
  }
  crc_all = crc_step(crc_all, (uint8_t)c);
  if (line_err != ERR_NONE) return TD_EV_NONE;
  if (in_hex) {
    int8_t v = hex_value(c);
    if (v < 0) line_err = ERR_SYNTAX;
    else if (!hex_high) hex_high = (uint8_t)(v + 1);
    else if (in_count >= model->in_size) line_err = ERR_SIZE;
    else {
      input[in_count++] = (int8_t)(uint8_t)(((hex_high - 1u) << 4) | (uint8_t)v);
      hex_high = 0;
    }
    return TD_EV_NONE;
  }
  if (token_len == TD_TOKEN_CAP) {
    line_err = ERR_OVERFLOW;
    return TD_EV_NONE;
  }
  token[token_len++] = c;
  if (line_cmd == CMD_IN && token_index > 0 && token_len == 2 && token[0] == 'q' && token[1] == '=') {
    in_hex = 1; /* the vector streams into the input buffer from here */
    seen_q = 1;
    token_len = 0;
  }
  return TD_EV_NONE;
}

td_event td_proto_poll(void) {
  uint32_t now;
  int c;
  uint8_t budget = 64; /* bytes per poll, so a flood of input cannot starve the stream */
  while (budget-- && (c = port->read()) >= 0) {
    td_event ev = feed((char)c);
    if (ev != TD_EV_NONE) return ev;
  }
  now = port->micros();
  if (ram_due || (streaming && now - last_ram_us >= 1000000u)) {
    ram_due = 1;
    return TD_EV_RAM;
  }
  if (streaming && now - last_stream_us >= (uint32_t)period_ms * 1000u) {
    last_stream_us = period_ms ? last_stream_us + (uint32_t)period_ms * 1000u : now;
    if (now - last_stream_us >= (uint32_t)period_ms * 1000u) last_stream_us = now; /* fell behind: no burst */
    return TD_EV_STREAM;
  }
  return TD_EV_NONE;
}
