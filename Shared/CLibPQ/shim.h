// The libpq header, included by name: pkg-config (libpq.pc from Debian's libpq-dev) supplies
// the include directory, so no path of this machine is written here.
#include <libpq-fe.h>
// epoll, which Swift's Glibc module leaves out: the client waits for libpq's sockets with it
// (PostgresSocketPoller) instead of blocking a thread per connection.
#include <sys/epoll.h>
