// libcurl for Swift: curl_easy_setopt is variadic, which Swift cannot call, so each option
// Accord sets has a typed wrapper here. Only what the SMTP sender uses.
#ifndef ACCORD_CCURL_SHIM_H
#define ACCORD_CCURL_SHIM_H

#include <curl/curl.h>

/// A string option (URL, credentials, sender, CA file).
static inline CURLcode accord_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

/// A numeric option (timeouts, TLS requirement, the upload flag).
static inline CURLcode accord_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

/// A list option (the recipients).
static inline CURLcode accord_curl_set_list(CURL *curl, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(curl, option, list);
}

/// A pointer option (the read callback's context, the error buffer).
static inline CURLcode accord_curl_set_pointer(CURL *curl, CURLoption option, void *pointer) {
    return curl_easy_setopt(curl, option, pointer);
}

/// The read callback that feeds the message to the server.
static inline CURLcode accord_curl_set_read_function(CURL *curl, size_t (*function)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(curl, CURLOPT_READFUNCTION, function);
}

/// The last response code the server gave (an SMTP reply code).
static inline long accord_curl_response_code(CURL *curl) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

/// The socket of the connection the last transfer used, or -1 when libcurl holds none.
static inline curl_socket_t accord_curl_active_socket(CURL *curl) {
    curl_socket_t socket = CURL_SOCKET_BAD;
    if (curl_easy_getinfo(curl, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK) return CURL_SOCKET_BAD;
    return socket;
}

#endif
