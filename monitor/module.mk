# monitor/ — the interactive console
MON_SRCS := monitor/mon_main.c
