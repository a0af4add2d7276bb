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

/** Every kind of entry mconf draws. */
export const KINDS = `mainmenu "Kinds tree"

config MODULES
\tbool "Enable loadable module support"
\tdefault y
\tmodules

config BOOL_A
\tbool "Bool A"
\tdefault y

config TRI_T
\ttristate "Tri T"
\tdefault m
\tselect TRI_LOW

config TRI_LOW
\ttristate "Tri low"
\tdepends on TRI_T

config TRI_SEL
\ttristate "Tri selector"
\tselect TRI_FORCED

config TRI_FORCED
\ttristate "Tri forced"

config BOOL_SEL
\tbool "Bool selector"
\tdefault y
\tselect BOOL_FORCED

config BOOL_FORCED
\tbool "Bool forced"

config NEEDS_C
\tbool "Needs C"
\tdepends on OPT_C

config OPT_C
\tbool "Option C"

comment "A comment"

choice
\tprompt "Optional choice"
\toptional

config OPT_ONE
\tbool "One"

config OPT_TWO
\tbool "Two"

endchoice

choice
\ttristate "Tristate choice"
\tdefault TC_A

config TC_A
\ttristate "TC A"

config TC_B
\ttristate "TC B"

endchoice

menu "Values"

config INT_V
\tint "An int"
\trange 0 100
\tdefault 10

config HEX_V
\thex "A hex"
\tdefault 0x10

config STR_V
\tstring "A string"
\tdefault "hello"

endmenu
`;
