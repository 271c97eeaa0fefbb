// The libpq header, included by name: pkg-config (libpq.pc from Debian's libpq-dev) supplies
// the include directory, so no path of this machine is written here.
#include <libpq-fe.h>
