#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

/* Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE, flag value 2). */
static inline int audit_rename_exchange(const char *first, const char *second) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2);
#else
    return -1;
#endif
}
