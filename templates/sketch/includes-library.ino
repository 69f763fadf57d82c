#include <string.h>
#include <{{LIBRARY_HEADER}}>
