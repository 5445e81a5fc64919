*        INVOICE -- an invoice with packed-decimal arithmetic and EDIT:
*        for each item the amount is quantity times unit price (MP);
*        the subtotal is their sum (AP, a return counts negative),
*        the tax is 7.5 per cent rounded to the cent (MP, AP, DP), and
*        the total is printed with the subtotal and tax. ED prints the
*        numbers with commas, a decimal point and CR for a credit.
INVOICE  CSECT
         USING INVOICE,15
         ZAP   SUB,=P'0'
         LA    4,ITEMS             R4 -> the item being printed
         LA    5,NITEMS            R5 = items left
LOOP     MVC   DESC,0(4)           description
         MVC   QTYO,QPAT
         ED    QTYO,10(4)          quantity, '-' when negative
         MVC   PRCO,PPAT
         ED    PRCO,12(4)          unit price
         ZAP   WORK,10(2,4)        quantity ...
         MP    WORK,12(3,4)        ... times price, in cents
         ZAP   AMT,WORK
         AP    SUB,AMT
         MVC   AMTO,APAT
         ED    AMTO,AMT
         XPRNT LINE,LINEL
         LA    4,ITEML(,4)
         BCT   5,LOOP
*        subtotal, tax = (subtotal * 75 + 500) / 1000, total
         XPRNT BLANK,1
         MVC   TDESC,=CL17'SUBTOTAL'
         MVC   TOUT,APAT
         ED    TOUT,SUB+1
         XPRNT TLINE,TLINEL
         ZAP   WK8,SUB
         MP    WK8,=P'75'
         AP    WK8,=P'500'
         DP    WK8,=P'1000'        quotient WK8(5), remainder WK8+5(3)
         ZAP   TAX,WK8(5)
         MVC   TDESC,=CL17'TAX 7.5 PCT'
         MVC   TOUT,APAT
         ED    TOUT,TAX
         XPRNT TLINE,TLINEL
         ZAP   TOTAL,SUB
         AP    TOTAL,TAX
         MVC   TDESC,=CL17'TOTAL DUE'
         MVC   TOUT,APAT
         ED    TOUT,TOTAL+1
         XPRNT TLINE,TLINEL
         BR    14
*        items: description, quantity PL2, unit price in cents PL3
ITEMS    DC    CL10'WIDGETS',PL2'12',PL3'375'
ITEML    EQU   *-ITEMS
         DC    CL10'GADGETS',PL2'3',PL3'12999'
         DC    CL10'BOLTS',PL2'250',PL3'8'
         DC    CL10'RETURN',PL2'-2',PL3'4550'
NITEMS   EQU   (*-ITEMS)/ITEML
WORK     DS    PL6
AMT      DS    PL4
SUB      DS    PL5
TAX      DS    PL4
TOTAL    DS    PL5
WK8      DS    PL8
*        edit patterns: fill blank, digit selectors X'20', significance
*        starter X'21', and message characters
QPAT     DC    X'4020212060'              ddd-
PPAT     DC    X'402021204B2020'          dd(d.dd
APAT     DC    X'4020206B2020214B202040C3D9'  dd,dd(d.dd CR
LINE     DC    C' '
DESC     DS    CL10
QTYO     DS    CL5
         DC    CL2' '
PRCO     DS    CL7
AMTO     DS    CL13
LINEL    EQU   *-LINE
TLINE    DC    C' '
TDESC    DS    CL17
         DC    CL7' '
TOUT     DS    CL13
TLINEL   EQU   *-TLINE
BLANK    DC    C' '
         END   INVOICE
