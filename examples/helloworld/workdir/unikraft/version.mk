# Version of this mini core (read by the Makefile, like Unikraft's version.mk)
UK_VERSION = 0
UK_SUBVERSION = 17
UK_EXTRAVERSION = 0
UK_CODENAME = Pocket
