#ifndef BANGDAN_SYSTEM_H
#define BANGDAN_SYSTEM_H

#include <pthread.h>

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0 on success, or -1 with errno
/// set; ENOSYS/EINVAL where the system or file system cannot exchange, so the caller can fall back.
int bangdan_exchange_paths(const char *a, const char *b);

/// Hands the pages of freed memory back to the system (glibc's malloc_trim), where the allocator has that;
/// otherwise does nothing.
void bangdan_release_free_memory(void);

/// Reads the next entries of the folder open as `fd` (Linux getdents64): `struct linux_dirent64` records one after
/// another (inode, offset, record length at byte 16, type at 18, NUL-terminated name at 19) into `buffer`.
/// Returns the bytes written, 0 at the end of the folder, or -1 with errno set (ENOSYS where there is no such call).
long bangdan_read_entries(int fd, void *buffer, unsigned long capacity);

/// Puts `thread` (a running thread of this process) in the idle scheduling class (Linux SCHED_IDLE), where it
/// runs only on a core no other thread wants, when `idle` is nonzero; back in the normal class otherwise.
/// Returns 0, or an error number (ENOSYS where there is no such class).
int bangdan_run_when_idle(pthread_t thread, int idle);

#endif
