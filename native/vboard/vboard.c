/*
 * TinyDeploy vboard — a simulated Arduino Uno: an ATmega328P in libsimavr with its UART on a pseudo-terminal.
 * Copyright (C) 2026 TinyDeploy contributors.
 *
 * This program is free software: you can redistribute it and/or modify it under the terms of the GNU General
 * Public License as published by the Free Software Foundation, either version 3 of the License, or (at your
 * option) any later version. It links libsimavr (GPL-3.0), which is why it is a separate program from the
 * TinyDeploy app: the app only starts it and talks to its pty. See LICENSE in this folder.
 *
 * Usage: tinydeploy-vboard [--bootloader optiboot.hex] [--firmware sketch.hex|sketch.elf] [--unthrottled]
 *                          [--freq HZ]
 * Prints "vboard: pty /dev/pts/N" on stdout once the port exists, then "vboard: ready".
 * Opening the pty resets the MCU with EXTRF set (a real Uno resets on DTR), so the bootloader listens ~1 s and
 * avrdude -c arduino can flash it. SIGUSR1 resets the same way; SIGUSR2 prints "vboard: cycles N" (simulated cycles since start); SIGTERM or
 * SIGINT end it cleanly (and print the cycle count).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_irq.h>
#include <sim_regbit.h>

#include "firmware.h"
#include "pty_bridge.h"

static volatile sig_atomic_t g_stop, g_reset, g_print_cycles;
static atomic_int g_xon; /* the UART input fifo has room */
static pty_bridge g_bridge;
static avr_irq_t *g_uart_in;

static void on_signal(int sig) {
  if (sig == SIGUSR1) g_reset = 1;
  else if (sig == SIGUSR2) g_print_cycles = 1;
  else g_stop = 1;
}

static void uart_out_hook(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq; (void)param;
  pty_bridge_send(&g_bridge, (uint8_t)value);
}

static void uart_xon_hook(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq; (void)value; (void)param;
  atomic_store(&g_xon, 1);
}

static void uart_xoff_hook(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq; (void)param;
  if (value) atomic_store(&g_xon, 0);
}

/* Both flags are set again by every avr_reset, including the watchdog's (optiboot leaves through it): STDIO
 * would print the UART on our stdout, POLL_SLEEP would slow simulated time while a program polls the UART. */
static void clear_uart_flags(avr_t *avr) {
  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  if (!(flags & (AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP))) return;
  flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
}

static void external_reset(avr_t *avr) {
  avr_reset(avr);
  clear_uart_flags(avr);
  avr_regbit_set(avr, avr->reset_flags.extrf);
  atomic_store(&g_xon, 0);
}

/* Sleep is handled by the real-time throttle, not by simavr's own usleep. */
static void no_sleep(avr_t *avr, avr_cycle_count_t how_long) {
  (void)avr; (void)how_long;
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void feed_uart(void) {
  uint8_t byte;
  while (atomic_load(&g_xon) && pty_bridge_pop(&g_bridge, &byte)) avr_raise_irq(g_uart_in, byte);
}

static int run(avr_t *avr, int throttled) {
  uint64_t base_ns = now_ns();
  avr_cycle_count_t base_cycle = avr->cycle;
  int state = cpu_Running;
  while (!g_stop) {
    int opened = atomic_exchange(&g_bridge.open_event, 0);
    if (opened || g_reset) {
      g_reset = 0;
      external_reset(avr);
      if (opened) pty_bridge_accept(&g_bridge); /* only now: the old program's output must not reach the client */
      state = cpu_Running;
      base_ns = now_ns();
      base_cycle = avr->cycle;
    }
    if (g_print_cycles) {
      g_print_cycles = 0;
      printf("vboard: cycles %llu\n", (unsigned long long)avr->cycle);
      fflush(stdout);
    }
    feed_uart();
    if (state == cpu_Done || state == cpu_Crashed) {
      struct timespec ts = {0, 5000000L}; /* halted: wait for a reset */
      nanosleep(&ts, NULL);
      continue;
    }
    for (int i = 0; i < 2000 && state != cpu_Done && state != cpu_Crashed; i++) state = avr_run(avr);
    clear_uart_flags(avr); /* a watchdog reset inside the batch set them again */
    if (!throttled) continue;
    uint64_t sim_ns = (uint64_t)(avr->cycle - base_cycle) * 1000000000ull / avr->frequency;
    uint64_t real_ns = now_ns() - base_ns;
    if (sim_ns > real_ns + 1000000ull) {
      uint64_t ahead = sim_ns - real_ns;
      struct timespec ts = {(time_t)(ahead / 1000000000ull), (long)(ahead % 1000000000ull)};
      nanosleep(&ts, NULL);
    } else if (real_ns > sim_ns + 100000000ull) {
      base_ns = now_ns(); /* more than 100 ms behind (host busy): do not race to catch up */
      base_cycle = avr->cycle;
    }
  }
  return 0;
}

static void usage(void) {
  fprintf(stderr, "usage: tinydeploy-vboard [--bootloader FILE.hex] [--firmware FILE.hex|FILE.elf] [--unthrottled] [--freq HZ]\n");
}

int main(int argc, char **argv) {
  const char *bootloader = NULL, *program = NULL;
  int throttled = 1;
  unsigned long freq = 16000000ul;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--bootloader") && i + 1 < argc) bootloader = argv[++i];
    else if (!strcmp(argv[i], "--firmware") && i + 1 < argc) program = argv[++i];
    else if (!strcmp(argv[i], "--unthrottled")) throttled = 0;
    else if (!strcmp(argv[i], "--freq") && i + 1 < argc) freq = strtoul(argv[++i], NULL, 10);
    else { usage(); return 2; }
  }
  avr_t *avr = avr_make_mcu_by_name("atmega328p");
  if (!avr || avr_init(avr) != 0) { fprintf(stderr, "vboard: libsimavr has no atmega328p\n"); return 1; }
  avr->frequency = (uint32_t)freq;
  avr->sleep = no_sleep;
  avr->log = LOG_ERROR;
  uint32_t lowest = 0;
  if (program && firmware_load(avr, program, &lowest) != 0) {
    fprintf(stderr, "vboard: cannot load firmware %s\n", program);
    return 1;
  }
  if (bootloader) {
    if (firmware_load(avr, bootloader, &lowest) != 0) {
      fprintf(stderr, "vboard: cannot load bootloader %s\n", bootloader);
      return 1;
    }
    avr->reset_pc = lowest; /* BOOTRST fuse: the core starts in the boot section */
  }
  avr->codeend = avr->flashend;
  avr_reset(avr);
  clear_uart_flags(avr);
  avr_regbit_set(avr, avr->reset_flags.porf);

  g_uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), uart_out_hook, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), uart_xon_hook, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), uart_xoff_hook, NULL);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGUSR2, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM); /* the app died without stopping us: end too, leave no orphan */
  if (getppid() != parent) return 0;  /* it died before prctl took effect */

  if (pty_bridge_start(&g_bridge) != 0) { perror("vboard: pty"); return 1; }
  printf("vboard: pty %s\nvboard: ready\n", g_bridge.slave_path);
  fflush(stdout);
  run(avr, throttled);
  pty_bridge_stop(&g_bridge);
  printf("vboard: cycles %llu\nvboard: stopped\n", (unsigned long long)avr->cycle);
  fflush(stdout);
  avr_terminate(avr);
  return 0;
}
