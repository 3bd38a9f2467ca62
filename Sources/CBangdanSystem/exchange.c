#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include "bangdan_system.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int bangdan_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    (void)a; (void)b;
    errno = ENOSYS;
    return -1;
#endif
}

void bangdan_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

long bangdan_read_entries(int fd, void *buffer, unsigned long capacity) {
#if defined(__linux__) && defined(SYS_getdents64)
    return syscall(SYS_getdents64, fd, buffer, capacity);
#else
    (void)fd; (void)buffer; (void)capacity;
    errno = ENOSYS;
    return -1;
#endif
}

int bangdan_run_when_idle(pthread_t thread, int idle) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param parameters = {0};
    return pthread_setschedparam(thread, idle ? SCHED_IDLE : SCHED_OTHER, &parameters);
#else
    (void)thread; (void)idle;
    return ENOSYS;
#endif
}
