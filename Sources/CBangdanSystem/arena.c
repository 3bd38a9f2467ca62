#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bangdan_system.h"

// The thread's arena (see bangdan_system.h). Blocks are chained newest first; the oldest, `kept`, stays with the
// thread from one conversion to the next, so a conversion that fits in it allocates nothing from malloc; it is
// freed when the thread ends.
// Each allocation is a 16-byte header holding its size, then the bytes, rounded up to 16 (malloc's alignment).

typedef struct block {
    struct block *next;  // the block made before this one
    size_t capacity;     // bytes after the header
    size_t used;
    size_t padding;      // keeps the bytes after the header 16-byte aligned
} block;

enum { header = 16, kept_capacity = 64 * 1024 };

static _Thread_local block *kept;
static _Thread_local block *current;
static _Thread_local int is_open;

static unsigned char *bytes(block *b) { return (unsigned char *)(b + 1); }
static size_t rounded(size_t n) { return (n + 15) & ~(size_t)15; }
static size_t size_of(void *pointer) { return *(size_t *)((unsigned char *)pointer - header); }

// libcmark does not check what its allocator returns; its own allocator aborts when memory runs out, and so does this.
static void *checked(void *pointer) {
    if (pointer == NULL) abort();
    return pointer;
}

static pthread_key_t kept_key;
static pthread_once_t kept_key_once = PTHREAD_ONCE_INIT;
static void free_kept(void *b) { free(b); }
static void make_kept_key(void) {
    if (pthread_key_create(&kept_key, free_kept) != 0) abort();
}

static block *new_block(size_t capacity, block *next) {
    block *b = checked(malloc(sizeof(block) + capacity));
    b->next = next;
    b->capacity = capacity;
    b->used = 0;
    return b;
}

static void *allocate(size_t size) {
    if (!is_open) abort();  // only between bangdan_arena_begin and bangdan_arena_end
    if (size > SIZE_MAX - header - 15) abort();
    size_t need = header + rounded(size);
    if (current == NULL) {
        pthread_once(&kept_key_once, make_kept_key);
        kept = current = new_block(kept_capacity, NULL);
        if (pthread_setspecific(kept_key, kept) != 0) abort();
    }
    if (current->capacity - current->used < need) {
        current = new_block(need > kept_capacity ? need : kept_capacity, current);
    }
    unsigned char *start = bytes(current) + current->used;
    current->used += need;
    *(size_t *)start = size;
    return start + header;
}

// Whether `pointer` is the last allocation of the current block, which can grow or be given back in place.
static int is_last(void *pointer) {
    return current != NULL
        && (unsigned char *)pointer + rounded(size_of(pointer)) == bytes(current) + current->used;
}

void bangdan_arena_begin(void) {
    if (is_open) abort();  // one conversion at a time on a thread
    is_open = 1;
}

void bangdan_arena_end(void) {
    if (!is_open) abort();
    while (current != NULL && current != kept) {
        block *next = current->next;
        free(current);
        current = next;
    }
    if (kept != NULL) kept->used = 0;
    is_open = 0;
}

void *bangdan_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *pointer = allocate(count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

void *bangdan_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return allocate(size);
    size_t old = size_of(pointer);
    if (size <= old) {
        if (is_last(pointer)) current->used -= rounded(old) - rounded(size);
        *(size_t *)((unsigned char *)pointer - header) = size;
        return pointer;
    }
    if (is_last(pointer) && size <= SIZE_MAX - 15
        && current->capacity - current->used >= rounded(size) - rounded(old))
    {
        current->used += rounded(size) - rounded(old);
        *(size_t *)((unsigned char *)pointer - header) = size;
        return pointer;
    }
    // Elsewhere: the old bytes stay where they are until the conversion ends.
    void *moved = allocate(size);
    memcpy(moved, pointer, old);
    return moved;
}

void bangdan_arena_free(void *pointer) {
    if (pointer == NULL || !is_last(pointer)) return;
    current->used -= header + rounded(size_of(pointer));
}

int bangdan_arena_owns(const void *pointer) {
    for (block *b = current; b != NULL; b = b->next) {
        const unsigned char *start = bytes(b);
        if ((const unsigned char *)pointer >= start + header && (const unsigned char *)pointer < start + b->used) {
            return 1;
        }
    }
    return 0;
}
