/* TinyDeploy vboard — a pseudo-terminal that stands in for an Uno's USB serial port.
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#ifndef VBOARD_PTY_BRIDGE_H
#define VBOARD_PTY_BRIDGE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define BRIDGE_RING_SIZE 4096

/* Bytes from the pty wait in a ring until the simulated UART has room (flow control, nothing lost).
 * A session starts only when the main loop has reset the MCU for a new client (pty_bridge_accept): output of
 * the program that ran before the open never reaches the new client. */
typedef struct pty_bridge {
  int master;
  int inotify; /* watches the slave for opens; -1 when unavailable */
  char slave_path[128];
  pthread_t thread;
  pthread_mutex_t lock; /* guards the ring, and orders "an open was seen" against every write to the client */
  uint8_t ring[BRIDGE_RING_SIZE];
  size_t head, tail; /* head: next byte to feed, tail: next free slot */
  int clients;       /* under lock: programs holding the slave open, counted from inotify events */
  int own_opens, own_closes; /* under lock: events of our own brief slave fd, not to be counted */
  int live;          /* under lock: the current client's session started after the reset for its open */
  int stalled;       /* under lock: the client stopped reading; drop instead of freezing the simulation */
  atomic_int open_event; /* set when a client opens the port: the board resets like a real Uno */
  atomic_int stop;
} pty_bridge;

/* Opens a raw 115200-baud pty and starts the thread that reads it; returns 0 or -1 (errno set). */
int pty_bridge_start(pty_bridge *b);
/* Called by the main loop right after the reset that answered open_event: the new client's session starts. */
void pty_bridge_accept(pty_bridge *b);
/* Takes the next byte from the pty (returns 1) or returns 0 when none is waiting. */
int pty_bridge_pop(pty_bridge *b, uint8_t *byte);
/* Sends one byte of UART output to the client; dropped outside a session, like a real board with no port open. */
void pty_bridge_send(pty_bridge *b, uint8_t byte);
void pty_bridge_stop(pty_bridge *b);

#endif
