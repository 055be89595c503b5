#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/resource.h>

/* Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE, flag value 2). */
static inline int audit_rename_exchange(const char *first, const char *second) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2);
#else
    return -1;
#endif
}

/* Lowers the calling thread's scheduling priority (nice +increment) on Linux; 0 on success. */
static inline int audit_lower_thread_priority(int increment) {
#ifdef SYS_gettid
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), increment);
#else
    return -1;
#endif
}
