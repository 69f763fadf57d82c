/*
 * TinyDeploy board protocol v1, board side (docs/protocol.md). Portable C99: no Arduino.h, no malloc, no stdio.
 * The sketch (or bare-metal firmware) supplies a td_port for its serial line and clock, then calls
 * td_proto_begin once and td_proto_poll from its loop; everything written goes through port->write.
 */
#ifndef TD_PROTOCOL_H
#define TD_PROTOCOL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TD_PROTOCOL_VERSION 1

/* The serial line and clock of one board. */
typedef struct {
  void (*write)(const char *data, uint16_t len); /* blocking write */
  int (*read)(void);                             /* next received byte, or -1 when none is waiting */
  uint32_t (*micros)(void);                      /* a free-running microsecond clock */
} td_port;

/* What the hello says about the model; all strings are static and hold no spaces. */
typedef struct {
  const char *board;   /* catalog id, e.g. "uno" */
  const char *model;   /* model name */
  const char *hash;    /* 8 hex digits: FNV-1a 32 of the int8 .tflite */
  const char *backend; /* "native" or "tflm" */
  const char *source;  /* "serial", "imu", "mic" or "analog" */
  const char *labels;  /* "yes,no,unknown", or 0 for a model without labels */
  const int32_t *in_dims;
  uint8_t in_rank;
  const int32_t *out_dims;
  uint8_t out_rank;
  uint32_t in_size;  /* input bytes (int8) */
  uint32_t out_size; /* output bytes (int8) */
  float out_scale;   /* output quantization, to print dequantized scores */
  int32_t out_zero_point;
  uint32_t act_bytes; /* activation buffer (or TFLM arena) */
  uint32_t ram_total; /* the board's RAM */
  float in_scale;     /* input quantization: a one-value input is printed as x= on result lines (0: never) */
  int32_t in_zero_point;
} td_model_info;

typedef struct {
  uint32_t free_bytes; /* free heap, or the heap/stack gap */
  uint32_t stack_used; /* stack high-water mark */
  uint32_t act_bytes;
  uint32_t total;
} td_ram_stats;

/* What td_proto_poll asks of the caller. */
typedef enum {
  TD_EV_NONE = 0,   /* nothing to do */
  TD_EV_HOST_INPUT, /* a host vector is complete in the input buffer: run inference, then td_proto_output() */
  TD_EV_STREAM,     /* streaming and the period elapsed: fill the input from the sketch's own source, run, then td_proto_result() */
  TD_EV_RAM         /* RAM statistics are due: td_proto_ram() */
} td_event;

/* input: the model's input buffer, which @in vectors are written into as they arrive. */
void td_proto_begin(const td_port *port, const td_model_info *info, int8_t *input, uint16_t period_ms);
td_event td_proto_poll(void);
void td_proto_hello(void);
/* The stream input is in place: call after filling it and before inference (an interpreter may reuse the input's
   memory), so a one-value input's x goes on the result line. */
void td_proto_input_ready(void);
void td_proto_result(const int8_t *output, uint32_t latency_us);
void td_proto_output(const int8_t *output, uint32_t latency_us);
void td_proto_ram(const td_ram_stats *stats);
uint8_t td_crc8(const char *data, uint16_t len);

#ifdef __cplusplus
}
#endif

#endif
