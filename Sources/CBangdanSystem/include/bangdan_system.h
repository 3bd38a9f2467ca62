#ifndef BANGDAN_SYSTEM_H
#define BANGDAN_SYSTEM_H

#include <pthread.h>
#include <stddef.h>

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

/// A bump arena for one Markdown conversion on the calling thread, which libcmark allocates from (its `cmark_mem`):
/// `bangdan_arena_calloc`, `_realloc` and `_free` hand out and take back memory between `bangdan_arena_begin` and
/// `bangdan_arena_end`, and `end` releases all of it at once. A few hundred small allocations a page then cost no
/// malloc call, and the heap of a large site (where glibc's malloc searches long lists) is not touched. Memory
/// freed in the middle is reused only when it was the last handed out. Calling these outside a begin/end pair, or
/// beginning twice, aborts, as does running out of memory (as libcmark's own allocator does).
void bangdan_arena_begin(void);
void bangdan_arena_end(void);
void *bangdan_arena_calloc(size_t count, size_t size);
void *bangdan_arena_realloc(void *pointer, size_t size);
void bangdan_arena_free(void *pointer);
/// Whether `pointer` is memory the calling thread's open arena handed out (for tests).
int bangdan_arena_owns(const void *pointer);

#endif
