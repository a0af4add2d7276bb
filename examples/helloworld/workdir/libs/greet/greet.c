/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/alloc.h>
#include <string.h>
#include <stdio.h>
#include <greet.h>

#if CONFIG_LIBGREET_LANG_FR
#define GREETING "Bonjour"
#elif CONFIG_LIBGREET_LANG_DE
#define GREETING "Hallo"
#else
#define GREETING "Hello"
#endif

const char *greet(const char *name)
{
	size_t len = strlen(GREETING) + strlen(name) + 4;
	char *s = uk_malloc(len);

	if (!s)
		return "(no memory for a greeting)";
	snprintf(s, len, "%s, %s!", GREETING, name);
#if CONFIG_LIBGREET_SHOUT
	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
#endif
	return s;
}
