// Small Kconfig trees for the menu tests.
export const BASIC = `mainmenu "Test tree"

config NET
\tbool "Networking support"
\thelp
\t  Say Y for networking.

config NET_PORT
\tint "Port"
\tdepends on NET
\trange 1 1024
\tdefault 80

menu "Drivers"

config DRV_A
\tbool "Driver A"
\tselect LIB_X

config LIB_X
\tbool "Library X"

comment "Extra drivers"

config DRV_B
\tbool "Driver B"
\tdepends on NET && DRV_A
\thelp
\t  Driver B needs networking and driver A.

endmenu

choice
\tprompt "Scheduler"
\tdefault SCHED_RR

config SCHED_COOP
\tbool "Cooperative"

config SCHED_RR
\tbool "Round robin"

endchoice

menuconfig DEBUG
\tbool "Debugging"
\tdefault y

if DEBUG

config DEBUG_LEVEL
\tint "Debug level"
\trange 0 5
\tdefault 2

config DEBUG_NAME
\tstring "Debug tag"
\tdefault "dbg"

config DEBUG_ADDR
\thex "Debug address"
\tdefault 0x1000

config DEBUG_VERBOSE
\tbool "Verbose"
\tdefault y if DEBUG_LEVEL > 3

endif
`;

export const TRISTATE = `mainmenu "Modules tree"

config MODULES
\tbool "Enable loadable module support"
\tdefault y
\tmodules

config T
\ttristate "Tri T"

config U
\ttristate "Tri U"
\tselect T
`;
