/*
 * Firmware main for running a generated model on a (simulated) MCU over a framed hex-line protocol:
 *   host "P\n"          -> "R <input size> <output size>\n"   (ping; QEMU drops output until a client connects)
 *   host "I<hex>\n"     -> "O<hex> <ticks>\n"                 (one inference; ticks = target timer ticks, 0 if none)
 *   anything else        -> "E\n"
 * The target glue provides port_getc / port_putc / port_ticks. Built with -DTD_NO_MODEL it is the same firmware
 * without a model: the baseline for measuring the model's code size.
 */
#include <stdint.h>
#include MODEL_HEADER

int port_getc(void);
void port_putc(char c);
uint32_t port_ticks(void);
void port_init(void);

static int8_t fw_input[MODEL_INPUT_SIZE];
static int8_t fw_output[MODEL_OUTPUT_SIZE];

static void put_str(const char *s) {
  while (*s) port_putc(*s++);
}

static void put_uint(uint32_t v) {
  char buf[11];
  int n = 0;
  do {
    buf[n++] = (char)('0' + v % 10u);
    v /= 10u;
  } while (v);
  while (n) port_putc(buf[--n]);
}

static void put_hex_byte(uint8_t b) {
  static const char digits[] = "0123456789abcdef";
  port_putc(digits[b >> 4]);
  port_putc(digits[b & 15]);
}

static int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void skip_line(int c) {
  while (c != '\n') c = port_getc();
}

/* Reads the hex payload of an "I" line straight into fw_input; returns 1 when it had exactly the right length. */
static int read_input_line(void) {
  int32_t n = 0;
  for (;;) {
    int c = port_getc();
    int hi, lo;
    if (c == '\r') continue;
    if (c == '\n') return n == MODEL_INPUT_SIZE;
    hi = hex_value(c);
    c = port_getc();
    lo = hex_value(c);
    if (hi < 0 || lo < 0 || n >= MODEL_INPUT_SIZE) {
      skip_line(c);
      return 0;
    }
    fw_input[n++] = (int8_t)(hi * 16 + lo);
  }
}

int main(void) {
  port_init();
  for (;;) {
    int c = port_getc();
    if (c == '\r' || c == '\n') continue;
    if (c == 'P') {
      skip_line(c);
      put_str("R ");
      put_uint(MODEL_INPUT_SIZE);
      port_putc(' ');
      put_uint(MODEL_OUTPUT_SIZE);
      port_putc('\n');
    } else if (c == 'I') {
      uint32_t t0, t1;
      int32_t i;
      if (!read_input_line()) {
        put_str("E\n");
        continue;
      }
      t0 = port_ticks();
      MODEL_INVOKE(fw_input, fw_output);
      t1 = port_ticks();
      port_putc('O');
      for (i = 0; i < MODEL_OUTPUT_SIZE; ++i) put_hex_byte((uint8_t)fw_output[i]);
      port_putc(' ');
      put_uint(t1 - t0);
      port_putc('\n');
    } else {
      skip_line(c);
      put_str("E\n");
    }
  }
}
