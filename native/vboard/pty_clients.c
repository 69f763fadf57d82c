/* TinyDeploy vboard — who has the pty open: inotify open/close events, the client count, session ends.
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#define _GNU_SOURCE
#include "pty_clients.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* True while an open or close of the slave is known to the kernel but not yet handled (call under lock): the
 * event is queued on the inotify fd, or an open is drained and waits for the main loop's reset. fsnotify queues
 * both before open(2) returns and before the tty is released on close, so no byte slips past either. */
int clients_open_pending(pty_bridge *b) {
  if (atomic_load(&b->open_event)) return 1;
  int queued = 0;
  return b->inotify >= 0 && ioctl(b->inotify, FIONREAD, &queued) == 0 && queued > 0;
}

/* A client opened the slave: the old session ends, bytes of the earlier client are forgotten, and the main loop
 * is asked for a reset; it starts the new session after it (pty_bridge_accept). Called under lock. */
void clients_opened(pty_bridge *b) {
  b->head = b->tail = 0;
  b->live = 0;
  atomic_store(&b->open_event, 1);
}

static int master_hung_up(pty_bridge *b) {
  struct pollfd p = {.fd = b->master, .events = POLLIN};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
}

/* The last client is gone; what the old program wrote and it left unread must not reach the next client, and
 * the next client's own flush on open was seen to miss a byte under load. Drop it now: the slave's flip buffer
 * through the master, then its input queue through a slave fd of our own, for a moment (its open and close
 * events are ours to skip). Called under lock. */
void clients_forget_unread(pty_bridge *b) {
  tcflush(b->master, TCOFLUSH);
  int fd = ioctl(b->master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return;
  b->own_opens++;
  b->own_closes++;
  tcflush(fd, TCIFLUSH);
  close(fd);
}

/* Every open(2) and close of the slave, in order, however quickly one follows the other: clients are counted.
 * Under the lock, so pty_bridge_send never sees the queue emptied before the session state says what the events
 * meant. inotify merges two identical events queued back to back, so two clients opening at the same instant
 * count as one; the count never goes below zero, and POLLHUP (nobody left) sets it to zero. */
void clients_drain(pty_bridge *b) {
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  ssize_t n;
  pthread_mutex_lock(&b->lock);
  while ((n = read(b->inotify, buf, sizeof buf)) > 0) {
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *ev = (const struct inotify_event *)p;
      if (ev->mask & IN_OPEN) {
        /* Ours (clients_forget_unread) unless the slave is held now: a client's open may have merged with ours. */
        int ours = b->own_opens > 0;
        if (ours) b->own_opens--;
        if (!ours || !master_hung_up(b)) {
          b->clients++;
          clients_opened(b);
        }
      }
      if ((ev->mask & IN_CLOSE) && b->own_closes > 0) {
        b->own_closes--;
      } else if ((ev->mask & IN_CLOSE) && b->clients > 0 && --b->clients == 0) {
        b->live = 0;
        clients_forget_unread(b);
      }
      p += sizeof *ev + ev->len;
    }
  }
  pthread_mutex_unlock(&b->lock);
}
