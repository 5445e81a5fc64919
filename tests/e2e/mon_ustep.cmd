$MCEMU monitor -m tests/monitor/lines.isa programs/s360/factorial.asm -x tests/monitor/ustep.mon 2>&1 | sed -e 's/u[0-9A-F]\{4\} /uNNNN /g' -e 's/u[0-9A-F]\{4\}$/uNNNN/' -e 's/\bu[0-9][0-9]\b/u##/g'
