/* TinyDeploy vboard — pty side: raw mode, open/close detection through POLLHUP, a reader thread.
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#define _GNU_SOURCE
#include "pty_bridge.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
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

/* A client opened the slave: forget bytes of an earlier session and ask the main loop for a reset. */
static void client_opened(pty_bridge *b) {
  pthread_mutex_lock(&b->lock);
  b->head = b->tail = 0;
  pthread_mutex_unlock(&b->lock);
  atomic_store(&b->client_open, 1);
  atomic_store(&b->open_event, 1);
}

/* Every open(2) of the slave, however quickly it follows a close, as inotify IN_OPEN events. */
static int drain_open_events(pty_bridge *b) {
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  int opened = 0;
  ssize_t n;
  while ((n = read(b->inotify, buf, sizeof buf)) > 0) {
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *ev = (const struct inotify_event *)p;
      if (ev->mask & IN_OPEN) opened = 1;
      p += sizeof *ev + ev->len;
    }
  }
  return opened;
}

/* Open detection: inotify sees each open of the slave; without inotify, POLLHUP on the master (no client
 * holds the slave) clearing is the sign, which misses a close and reopen between two polls. */
static void *bridge_thread(void *arg) {
  pty_bridge *b = arg;
  while (!atomic_load(&b->stop)) {
    struct pollfd p[2] = {{.fd = b->master, .events = POLLIN}, {.fd = b->inotify, .events = POLLIN}};
    int r = poll(p, b->inotify >= 0 ? 2 : 1, 20);
    if (r < 0 && errno != EINTR) break;
    /* Open events first: a new client's bytes must land after the ring is cleared, not before. */
    if (b->inotify >= 0 && drain_open_events(b)) client_opened(b);
    if (p[0].revents & POLLHUP) {
      atomic_store(&b->client_open, 0);
      struct timespec ts = {0, 5000000L};
      nanosleep(&ts, NULL);
      continue;
    }
    if (!atomic_load(&b->client_open)) {
      if (b->inotify >= 0) atomic_store(&b->client_open, 1); /* the open was reported already */
      else client_opened(b);
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
  int slave = open(b->slave_path, O_RDWR | O_NOCTTY);
  if (slave >= 0) {
    make_raw(slave); /* the slave keeps these settings after we close it: clients see a raw 115200 port */
    close(slave);
  }
  fcntl(b->master, F_SETFL, fcntl(b->master, F_GETFL) | O_NONBLOCK);
  b->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (b->inotify >= 0 && inotify_add_watch(b->inotify, b->slave_path, IN_OPEN) < 0) {
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

void pty_bridge_send(pty_bridge *b, uint8_t byte) {
  static int stalled; /* the client stopped reading: drop instead of freezing the simulation */
  if (!atomic_load(&b->client_open)) return;
  for (int tries = 0; tries < (stalled ? 1 : 50); tries++) {
    ssize_t n = write(b->master, &byte, 1);
    if (n == 1) {
      stalled = 0;
      return;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return;
    if (!stalled) sleep_ms(1); /* a slow reader: wait a little, as a USB-serial chip would buffer */
  }
  stalled = 1;
}

void pty_bridge_stop(pty_bridge *b) {
  atomic_store(&b->stop, 1);
  pthread_join(b->thread, NULL);
  if (b->inotify >= 0) close(b->inotify);
  close(b->master);
}
