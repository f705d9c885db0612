/**
 * Generated department records for the bench: N fictional men, every check passing, each reaching the
 * statutory retirement age inside the application window of the pinned today. The ID numbers are built
 * here (GB 11643-1999, ISO 7064 MOD 11-2), independently of the product's validator.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志峰亮成'];

export function idNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i]!, 0);
  return first17 + CHECK[sum % 11];
}

/**
 * Men born 1966-06-01 … 1966-10-28: statutory retirement (60 + 5 or 6 months) falls in 2026-11 … 2027-04,
 * inside [2026-11, 2026-11 + 6 months] for today = 2026-11-24. Sequence codes are odd (male).
 */
export function syntheticPeople(count: number, region = '441900') {
  const people = [];
  const months = ['06', '07', '08', '09', '10'];
  for (let i = 0; i < count; i++) {
    const month = months[i % months.length];
    const day = String(1 + (Math.floor(i / months.length) % 28)).padStart(2, '0');
    const birthDate = `1966-${month}-${day}`;
    // Distinct per (birth date, i): up to 28 × 5 birth dates × 500 odd sequences.
    const sequence = 2 * Math.floor(i / (months.length * 28)) + 1;
    if (sequence > 999) throw new RangeError('too many synthetic people');
    const id = idNumber(region, birthDate, sequence);
    people.push({
      idNumber: id,
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! + GIVEN[(i * 7) % GIVEN.length]!,
      gender: 'male' as const,
      birthDate,
      phone: `139${String(i).padStart(8, '0')}`,
      scenario: 'bench all-pass male normal',
      hr: {
        originalRetirementAge: 60 as const,
        personnelFileBirthDate: birthDate,
        contributionMonths: 408,
        insuredCity: region,
        receivingPension: false,
        specialJobMonths: 0,
        disabilityCertified: false,
        employer: '东莞市示例制造有限公司',
        averageIndexedWageRatio: 1,
        personalAccountFen: 17_136_000,
      },
      tax: { arrears: [] },
      medical: { contributionMonths: 408, localContributionMonths: 240 },
      housingFund: { accountNo: `GJJ${id.slice(8, 17)}`, status: 'active' as const, balanceFen: 8_663_000, outstandingLoanFen: 0 },
      health: { onlyChildParent: false },
      bankAccount: { bankName: '中国工商银行东莞分行', accountNo: `622219${id.slice(6, 16)}` },
    });
  }
  return people;
}

export type SyntheticPerson = ReturnType<typeof syntheticPeople>[number];
