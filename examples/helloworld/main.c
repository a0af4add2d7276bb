/* SPDX-License-Identifier: BSD-3-Clause */
/* The bundled example's application: everything it prints comes from the
 * configuration. */
#include <uk/config.h>
#include <stdio.h>
#if CONFIG_LIBGREET
#include <greet.h>
#endif
#if CONFIG_LIBFRAME
#include <frame.h>
#endif
#if CONFIG_LIBUKRANDOM
#include <uk/random.h>
#endif

#define MESSAGE	CONFIG_APPHELLOWORLD_MESSAGE
#define REPEAT	CONFIG_APPHELLOWORLD_REPEAT

int main(int argc, char *argv[])
{
	unsigned int i;

	(void)argc;
	(void)argv;
#if CONFIG_APPHELLOWORLD_GREET && CONFIG_LIBGREET
	printf("%s\n", greet(CONFIG_LIBGREET_NAME));
#endif

#if CONFIG_APPHELLOWORLD_FRAME && CONFIG_LIBFRAME
	const char *lines[REPEAT];

	for (i = 0; i < REPEAT; i++)
		lines[i] = MESSAGE;
	frame_print(lines, REPEAT);
#else
	for (i = 0; i < REPEAT; i++)
		printf("%s\n", MESSAGE);
#endif

#if CONFIG_APPHELLOWORLD_COOKIE
	printf("Cookie: 0x%lx\n",
	       (unsigned long)CONFIG_APPHELLOWORLD_COOKIE_VALUE);
#endif
#if CONFIG_APPHELLOWORLD_LUCKY
#if CONFIG_LIBUKRANDOM
	printf("Lucky number: %u\n", (unsigned int)(uk_random_u32() % 100));
#else
	printf("Lucky number: none (ukrandom is off)\n");
#endif
#endif
	return 0;
}
