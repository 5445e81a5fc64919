*        CPYDATA: a copy member with a nested COPY
CONSTS   DC    F'5'
         COPY  CPYINNR
