namespace Caseload.Domain.Tests.Insurance;

/// <summary>An 835 written out by hand from the 005010X221A1 layout, one segment a line.</summary>
internal static class Remitted
{
    /// <summary>
    /// Blue Harbor pays 210.00 by EFT for four claims. C0001 paid 40.00, the client owing a 15.00 copay and 5.00
    /// coinsurance (one CAS, two triplets). C0002 charged 170.00: a 50.00 deductible (PR-1) and 30.00 above the fee
    /// schedule (CO-45), paid 90.00. C0003 denied, not medically necessary (CO-50). C9999 is no claim of ours.
    /// </summary>
    public const string FourClaims = """
        ISA*00*          *00*          *ZZ*BLUEHARBOR     *ZZ*HARBORST       *261215*0930*^*00501*000000501*0*P*:~
        GS*HP*BLUEHARBOR*HARBORST*20261215*0930*501*X*005010X221A1~
        ST*835*0001~
        BPR*I*210*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*20261215~
        TRN*1*EFT20261215001*1512345678~
        DTM*405*20261215~
        N1*PR*Blue Harbor Health~
        N3*1 Payer Plaza~
        N4*Boston*MA*02110~
        REF*2U*BHH01~
        PER*BL*Provider Services*TE*8005550100~
        N1*PE*Harbor Street Counseling*XX*1234567893~
        REF*TJ*123456789~
        LX*1~
        CLP*C0001*1*60*40*20*12*BH2026A1~
        NM1*QC*1*Lovelace*Ada****MI*XKJ-1234~
        DTM*232*20261201~
        SVC*HC:90853:95*60*40**1~
        DTM*472*20261201~
        CAS*PR*3*15**2*5~
        AMT*B6*60~
        CLP*C0002*1*170*90*50*12*BH2026A2~
        CAS*PR*1*50~
        NM1*QC*1*Rowe*Ben****MI*XKJ-2288~
        SVC*HC:90837*170*90~
        DTM*472*20261201~
        CAS*CO*45*30~
        CLP*C0003*4*60*0*0*12*BH2026A3~
        CAS*CO*50*60~
        NM1*QC*1*Marsh*Cleo****MI*XKJ-3141~
        CLP*C9999*1*100*80*0*12*BH2026A9~
        NM1*QC*1*Nobody*Known****MI*ZZ-0000~
        SVC*HC:90834*100*80~
        DTM*472*20261130~
        CAS*CO*45*20~
        SE*34*0001~
        GE*1*501~
        IEA*1*000000501~
        """;
}
