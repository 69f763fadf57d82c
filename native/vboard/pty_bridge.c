/* TinyDeploy vboard — pty side: raw mode, the reader thread, sessions and output (who is connected: pty_clients.c).
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#define _GNU_SOURCE
#include "pty_bridge.h"
#include "pty_clients.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void make_raw(int fd) {
  struct termios t;
  if (tcgetattr(fd, &t) != 0) return;
  cfmakeraw(&t);
  cfsetispeed(&t, B115200);
  cfsetospeed(&t, B115200);
  tcsetattr(fd, TCSANOW, &t);
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static size_t ring_free(const pty_bridge *b) {
  return (b->head + BRIDGE_RING_SIZE - b->tail - 1) % BRIDGE_RING_SIZE;
}

/* Reads only as much as the ring can hold: the rest stays in the pty and the writer waits (no loss). */
static void read_available(pty_bridge *b) {
  uint8_t buf[256];
  pthread_mutex_lock(&b->lock);
  size_t room = ring_free(b);
  pthread_mutex_unlock(&b->lock);
  if (room == 0) {
    sleep_ms(1);
    return;
  }
  ssize_t n = read(b->master, buf, room < sizeof buf ? room : sizeof buf);
  if (n <= 0) return;
  pthread_mutex_lock(&b->lock);
  for (ssize_t i = 0; i < n; i++) {
    b->ring[b->tail] = buf[i];
    b->tail = (b->tail + 1) % BRIDGE_RING_SIZE;
  }
  pthread_mutex_unlock(&b->lock);
}

/* Open detection: inotify reports each open and close of the slave. Without inotify, POLLHUP on the master (no
 * client holds the slave) clearing is the sign, which misses a close and reopen between two polls. */
static void *bridge_thread(void *arg) {
  pty_bridge *b = arg;
  int hung_up = 0;
  while (!atomic_load(&b->stop)) {
    struct pollfd p[2] = {{.fd = b->master, .events = POLLIN}, {.fd = b->inotify, .events = POLLIN}};
    int r = poll(p, b->inotify >= 0 ? 2 : 1, 20);
    if (r < 0 && errno != EINTR) break;
    if (p[0].revents & POLLHUP) { /* before the drain: opens it reports either came after or were closed since */
      pthread_mutex_lock(&b->lock);
      if (b->clients > 0 && b->inotify >= 0) clients_forget_unread(b); /* the hangup was seen before the last close */
      b->live = 0;
      b->clients = 0;
      pthread_mutex_unlock(&b->lock);
      hung_up = 1;
      if (b->inotify >= 0) clients_drain(b);
      sleep_ms(5); /* POLLHUP stays set while nobody has the port open: poll would return at once */
      continue;
    }
    if (b->inotify >= 0) {
      clients_drain(b);
    } else if (hung_up) {
      hung_up = 0;
      pthread_mutex_lock(&b->lock);
      clients_opened(b);
      pthread_mutex_unlock(&b->lock);
    }
    if (p[0].revents & POLLIN) read_available(b);
  }
  return NULL;
}

int pty_bridge_start(pty_bridge *b) {
  memset(b, 0, sizeof *b);
  b->master = posix_openpt(O_RDWR | O_NOCTTY);
  if (b->master < 0) return -1;
  if (grantpt(b->master) != 0 || unlockpt(b->master) != 0) return -1;
  const char *name = ptsname(b->master);
  if (!name) return -1;
  snprintf(b->slave_path, sizeof b->slave_path, "%s", name);
  make_raw(b->master);
  /* Not kept open: the app's port check would name us as a program holding the port, and POLLHUP would go. */
  int slave = open(b->slave_path, O_RDWR | O_NOCTTY);
  if (slave >= 0) {
    make_raw(slave); /* the slave keeps these settings after we close it: clients see a raw 115200 port */
    close(slave);
  }
  fcntl(b->master, F_SETFL, fcntl(b->master, F_GETFL) | O_NONBLOCK);
  b->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (b->inotify >= 0 && inotify_add_watch(b->inotify, b->slave_path, IN_OPEN | IN_CLOSE) < 0) {
    close(b->inotify);
    b->inotify = -1;
  }
  pthread_mutex_init(&b->lock, NULL);
  if (pthread_create(&b->thread, NULL, bridge_thread, b) != 0) return -1;
  return 0;
}

int pty_bridge_pop(pty_bridge *b, uint8_t *byte) {
  int got = 0;
  pthread_mutex_lock(&b->lock);
  if (b->head != b->tail) {
    *byte = b->ring[b->head];
    b->head = (b->head + 1) % BRIDGE_RING_SIZE;
    got = 1;
  }
  pthread_mutex_unlock(&b->lock);
  return got;
}

void pty_bridge_accept(pty_bridge *b) {
  pthread_mutex_lock(&b->lock);
  /* Bytes in the slave's flip buffer are not the new program's (its first byte comes after this). */
  tcflush(b->master, TCOFLUSH);
  b->live = b->inotify < 0 || b->clients > 0; /* the client may have closed again already */
  b->stalled = 0;
  pthread_mutex_unlock(&b->lock);
}

/* The open check and the write happen under one lock hold: a byte of the program that ran before an open can
 * never reach the client that opened (it would prefix the new program's first line). */
void pty_bridge_send(pty_bridge *b, uint8_t byte) {
  pthread_mutex_lock(&b->lock);
  for (int tries = 0; b->live && !clients_open_pending(b); tries++) {
    ssize_t n = write(b->master, &byte, 1);
    if (n == 1) {
      b->stalled = 0;
      break;
    }
    if (n < 0 && errno == EIO) { /* the pty refuses output (no client any more): the session is over */
      b->live = 0;
      break;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) break;
    if (b->stalled || tries >= 50) {
      b->stalled = 1;
      break;
    }
    pthread_mutex_unlock(&b->lock);
    sleep_ms(1); /* a slow reader: wait a little, as a USB-serial chip would buffer */
    pthread_mutex_lock(&b->lock);
  }
  pthread_mutex_unlock(&b->lock);
}

void pty_bridge_stop(pty_bridge *b) {
  atomic_store(&b->stop, 1);
  pthread_join(b->thread, NULL);
  if (b->inotify >= 0) close(b->inotify);
  close(b->master);
}
