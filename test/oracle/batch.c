// SPDX-License-Identifier: GPL-2.0
/*
 * conf-batch: runs many invocations of the C `conf` (compiled from Linux's conf.c with
 * -Dmain=conf_main) without one exec per run. For every job the driver forks; the child
 * chdir()s, replaces its whole environment, redirects stdin from /dev/null and stdout/stderr
 * to files, calls conf_main(argc, argv) and exits with its return value. The child starts
 * from the driver's pristine state (no Kconfig was ever parsed in the driver), so each run
 * behaves exactly like a fresh `conf` process.
 *
 * Usage: conf-batch [-j N] [-t SECONDS] JOBFILE
 * JOBFILE: a sequence of jobs, each a list of NUL-terminated strings:
 *   flags, cwd, stdout path, stderr path, N_ENV, env entries (NAME=VALUE) x N_ENV, N_ARGV, argv x N_ARGV
 * flags: "b" buffers conf's stderr fully (much faster when conf loops printing warnings; only
 * safe when no child process of conf, i.e. no $(shell,...), writes to stderr: the order of
 * conf's and the child's writes would change), "" otherwise.
 *   (argv includes argv[0]). Relative output paths are relative to the driver's cwd.
 * Prints one line per finished job to stdout: "<job index> <status>", where status is the exit
 * code, or "sig<N>" if the run was killed by a signal (SIGALRM after -t seconds, default 10,
 * SIGXFSZ after 1 MiB of output: conf can loop forever).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int conf_main(int ac, char **av);

struct job {
	char *flags, *cwd, *out, *err;
	char **env;
	char **argv;
	int argc;
};

static char *buf;
static unsigned int alarm_seconds = 10;
static size_t buflen, pos;

static char *next_str(void)
{
	char *s;

	if (pos >= buflen) {
		fprintf(stderr, "conf-batch: truncated job file\n");
		exit(2);
	}
	s = buf + pos;
	pos += strlen(s) + 1;
	return s;
}

static int read_job(struct job *j)
{
	int n, i;

	if (pos >= buflen)
		return 0;
	j->flags = next_str();
	j->cwd = next_str();
	j->out = next_str();
	j->err = next_str();
	n = atoi(next_str());
	j->env = calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		j->env[i] = next_str();
	n = atoi(next_str());
	j->argv = calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		j->argv[i] = next_str();
	j->argc = n;
	return 1;
}

static void run_child(struct job *j)
{
	int fd;

	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(120);
	close(fd);
	fd = open(j->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 1) < 0)
		_exit(121);
	close(fd);
	fd = open(j->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 2) < 0)
		_exit(122);
	close(fd);
	if (chdir(j->cwd)) {
		perror(j->cwd);
		_exit(123);
	}
	environ = j->env;
	/*
	 * conf can loop forever (e.g. syncconfig's choice dialog with stdin at EOF, when the
	 * current choice value is not among the visible values): cap time and output size.
	 */
	{
		struct rlimit rl = { 1 << 20, 1 << 20 }, none = { 0, 0 };
		setrlimit(RLIMIT_FSIZE, &rl);
		setrlimit(RLIMIT_CORE, &none);
	}
	alarm(alarm_seconds);
	/*
	 * stdout and stderr go to separate files, so their interleaving does not matter: on request,
	 * buffer stderr fully (exit() flushes it) instead of one write() per fprintf.
	 */
	if (strchr(j->flags, 'b'))
		setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	exit(conf_main(j->argc, j->argv));
}

int main(int ac, char **av)
{
	int jobs = 1, running = 0, index = 0, status;
	struct stat st;
	FILE *f;
	pid_t *pids;
	int *ids;
	struct job j;

	/* no getopt() here: conf_main must see getopt's pristine state */
	{
		int i = 1;

		for (; i + 1 < ac && av[i][0] == '-'; i += 2) {
			if (!strcmp(av[i], "-j"))
				jobs = atoi(av[i + 1]) > 0 ? atoi(av[i + 1]) : 1;
			else if (!strcmp(av[i], "-t"))
				alarm_seconds = atoi(av[i + 1]) > 0 ? atoi(av[i + 1]) : 10;
			else
				break;
		}
		if (i != ac - 1) {
			fprintf(stderr, "usage: conf-batch [-j N] [-t SECONDS] JOBFILE\n");
			return 2;
		}
	}

	f = fopen(av[ac - 1], "rb");
	if (!f || fstat(fileno(f), &st)) {
		perror(av[ac - 1]);
		return 2;
	}
	buflen = st.st_size;
	buf = malloc(buflen + 1);
	if (buflen && fread(buf, 1, buflen, f) != buflen) {
		perror("fread");
		return 2;
	}
	buf[buflen] = 0;
	fclose(f);

	pids = calloc(jobs, sizeof(pid_t));
	ids = calloc(jobs, sizeof(int));
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (;;) {
		int have = 0;

		while (running < jobs && (have = read_job(&j))) {
			pid_t pid;
			int slot;

			fflush(stdout);
			fflush(stderr);
			pid = fork();
			if (pid < 0) {
				perror("fork");
				return 2;
			}
			if (pid == 0)
				run_child(&j);
			for (slot = 0; pids[slot]; slot++)
				;
			pids[slot] = pid;
			ids[slot] = index++;
			running++;
			free(j.env);
			free(j.argv);
		}
		if (!running)
			break;
		{
			pid_t pid = wait(&status);
			int slot;

			if (pid < 0) {
				if (errno == EINTR)
					continue;
				perror("wait");
				return 2;
			}
			for (slot = 0; slot < jobs && pids[slot] != pid; slot++)
				;
			if (slot == jobs)
				continue;
			if (WIFEXITED(status))
				printf("%d %d\n", ids[slot], WEXITSTATUS(status));
			else
				printf("%d sig%d\n", ids[slot], WTERMSIG(status));
			pids[slot] = 0;
			running--;
		}
	}
	return 0;
}
