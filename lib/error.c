#include "herd/error.h"


const char *herd_strerror(int status)
{
    switch (status) {
#define HERD_STATUS_MSG_(name, value, msg) \
    case value:                            \
        return msg;
        HERD_STATUS_TABLE(HERD_STATUS_MSG_)
#undef HERD_STATUS_MSG_
    }
    return "unknown status";
}

const char *herd_status_name(int status)
{
    switch (status) {
#define HERD_STATUS_NAME_(name, value, msg) \
    case value:                             \
        return "HERD_" #name;
        HERD_STATUS_TABLE(HERD_STATUS_NAME_)
#undef HERD_STATUS_NAME_
    }
    return "HERD_UNKNOWN";
}
