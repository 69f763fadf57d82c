/*
 * TinyDeploy protocol firmware for the simulated Cortex-M4F (QEMU mps2-an386): a generated native model, the
 * board protocol (native/protocol) on UART0, demo vectors streamed as live results, host vectors on request.
 * td_model_config.h (written per build by core/jobs) names the model, its shapes, labels and demo vectors.
 */
#include <stdint.h>
#include "mps2.h"
#include "td_protocol.h"
#include "td_model_config.h"

#define STACK_PAINT 0xA5A5A5A5u
#define STACK_WATCH_BYTES 65536u /* the top of RAM watched for the stack high-water mark */

extern uint32_t __bss_end__, __stack_top__;

static int8_t input[TD_INPUT_SIZE];
static int8_t output[TD_OUTPUT_SIZE];
static const int32_t in_dims[] = TD_IN_DIMS;
static const int32_t out_dims[] = TD_OUT_DIMS;

static void port_write(const char *data, uint16_t len) { uart_write_n(data, len); }
static int port_read(void) { return uart_try_getc(); }

/* timer0 wraps every ~171 s at 25 MHz; extend it so microseconds wrap at 2^32 as td_protocol expects. */
static uint32_t port_micros(void) {
  static uint32_t last_ticks;
  static uint64_t total_ticks;
  uint32_t now = mps2_ticks();
  total_ticks += (uint32_t)(now - last_ticks);
  last_ticks = now;
  return (uint32_t)(total_ticks / (MPS2_TIMER_HZ / 1000000u));
}

/* Addresses as integers: the linker symbols are not arrays the compiler could bound-check. */
static uintptr_t stack_top(void) { return (uintptr_t)&__stack_top__; }

static uintptr_t watch_bottom(void) {
  uintptr_t bottom = stack_top() - STACK_WATCH_BYTES;
  return bottom < (uintptr_t)&__bss_end__ ? (uintptr_t)&__bss_end__ : bottom;
}

static uintptr_t stack_pointer(void) {
  uintptr_t sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

/* Paints the watched stack region below the current frame, so the high-water mark can be read later. */
static void paint_stack(void) {
  uintptr_t a;
  uintptr_t limit = stack_pointer() - 256u; /* stay clear of this frame */
  for (a = watch_bottom(); a < limit; a += 4u) *(volatile uint32_t *)a = STACK_PAINT;
}

static void read_ram(td_ram_stats *s) {
  uintptr_t a = watch_bottom();
  while (a < stack_top() && *(volatile uint32_t *)a == STACK_PAINT) a += 4u;
  s->stack_used = (uint32_t)(stack_top() - a);
  s->free_bytes = (uint32_t)(stack_pointer() - (uintptr_t)&__bss_end__); /* no heap: bss end to stack */
  s->act_bytes = TD_ACT_BYTES;
  s->total = TD_RAM_TOTAL;
}

static uint32_t run_model(void) {
  uint32_t t0 = mps2_ticks();
  TD_INVOKE(input, output);
  return (mps2_ticks() - t0) / (MPS2_TIMER_HZ / 1000000u);
}

int main(void) {
  static const td_port port = {port_write, port_read, port_micros};
  static const td_model_info info = {TD_BOARD, TD_MODEL_NAME, TD_MODEL_HASH, "native", "serial", TD_LABELS,
                                     in_dims, (uint8_t)(sizeof in_dims / sizeof in_dims[0]),
                                     out_dims, (uint8_t)(sizeof out_dims / sizeof out_dims[0]),
                                     TD_INPUT_SIZE, TD_OUTPUT_SIZE, TD_OUTPUT_SCALE, TD_OUTPUT_ZERO_POINT,
                                     TD_ACT_BYTES, TD_RAM_TOTAL, TD_INPUT_SCALE, TD_INPUT_ZERO_POINT};
  uint32_t demo = 0;
  td_ram_stats ram;
  paint_stack();
  td_proto_begin(&port, &info, input, TD_PERIOD_MS);
  for (;;) {
    uint32_t i, us;
    switch (td_proto_poll()) {
    case TD_EV_HOST_INPUT:
      us = run_model();
      td_proto_output(output, us);
      break;
    case TD_EV_STREAM:
      for (i = 0; i < TD_INPUT_SIZE; ++i) input[i] = td_demo_vectors[demo][i];
      demo = (demo + 1u) % TD_DEMO_COUNT;
      td_proto_input_ready();
      us = run_model();
      td_proto_result(output, us);
      break;
    case TD_EV_RAM:
      read_ram(&ram);
      td_proto_ram(&ram);
      break;
    default:
      break;
    }
  }
}
