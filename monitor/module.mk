# monitor/ — the interactive console
MON_SRCS :=
