/**
 * The password policy, mirrored from the server (src/platform/auth/passwords.ts) so the form can say what is
 * missing before submitting. The server stays the judge: its message is shown when it refuses.
 */

export interface PolicyCheck {
  key: 'length' | 'classes' | 'username';
  label: string;
  ok: boolean;
}

export function policyChecks(password: string, username = ''): PolicyCheck[] {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  return [
    { key: 'length', label: '至少 10 个字符', ok: password.length >= 10 && password.length <= 128 },
    { key: 'classes', label: '包含大写字母、小写字母、数字、符号中的至少三类', ok: classes >= 3 },
    { key: 'username', label: '不包含用户名', ok: !username || !password.toLowerCase().includes(username.toLowerCase()) },
  ];
}

/** A Chinese reason the password fails the policy, or null (same wording as the server). */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < 10) return '密码至少需要 10 个字符。';
  if (password.length > 128) return '密码不能超过 128 个字符。';
  if (!policyChecks(password, username)[1].ok) return '密码须包含大写字母、小写字母、数字、符号中的至少三类。';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名。';
  if (/(.)\1{3,}/.test(password)) return '密码不能包含 4 个以上连续相同的字符。';
  return null;
}
