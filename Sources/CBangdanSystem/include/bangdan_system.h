#ifndef BANGDAN_SYSTEM_H
#define BANGDAN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0 on success, or -1 with errno
/// set; ENOSYS/EINVAL where the system or file system cannot exchange, so the caller can fall back.
int bangdan_exchange_paths(const char *a, const char *b);

/// Hands the pages of freed memory back to the system (glibc's malloc_trim), where the allocator has that;
/// otherwise does nothing.
void bangdan_release_free_memory(void);

#endif
