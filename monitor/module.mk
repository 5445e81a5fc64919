# monitor/ — the interactive console and its script language
MON_SRCS := monitor/mon_main.c monitor/mon_cmd.c monitor/mon_parse.c monitor/mon_show.c \
            monitor/mon_exec.c monitor/mon_undo.c monitor/mon_break.c monitor/mon_state.c \
            monitor/mon_board.c monitor/mon_devices.c
