/* TinyDeploy vboard — who has the pty open (internal to the pty bridge).
 * Copyright (C) 2026 TinyDeploy contributors. GPL-3.0-or-later: see LICENSE in this folder. */
#ifndef VBOARD_PTY_CLIENTS_H
#define VBOARD_PTY_CLIENTS_H

#include "pty_bridge.h"

/* All under b->lock. */
/* An open or close is queued on the inotify fd, or an open waits for the main loop's reset: write nothing. */
int clients_open_pending(pty_bridge *b);
/* A client opened the slave: end the session, forget its predecessor's bytes, ask the main loop for a reset. */
void clients_opened(pty_bridge *b);
/* The last client left: drop what it left unread, so the next client never sees it. */
void clients_forget_unread(pty_bridge *b);
/* Handles every queued open and close event (takes the lock itself). */
void clients_drain(pty_bridge *b);

#endif
