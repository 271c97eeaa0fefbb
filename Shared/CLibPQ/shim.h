// The libpq header, included by name: pkg-config (libpq.pc from Debian's libpq-dev) supplies
// the include directory, so no path of this machine is written here.
#include <libpq-fe.h>
// epoll and eventfd, which Swift's Glibc module leaves out: the client's event loops
// (PostgresSocketPoller) wait for libpq's sockets with them instead of blocking a thread per
// connection.
#include <sys/epoll.h>
#include <sys/eventfd.h>
