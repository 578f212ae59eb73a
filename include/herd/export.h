#ifndef HERD_EXPORT_H
#define HERD_EXPORT_H

/* Marks the symbols that form the public ABI; everything else is hidden. */
#if defined(_WIN32) && defined(HERD_BUILDING_DLL)
#define HERD_API __declspec(dllexport)
#elif defined(__GNUC__)
#define HERD_API __attribute__((visibility("default")))
#else
#define HERD_API
#endif

#endif
