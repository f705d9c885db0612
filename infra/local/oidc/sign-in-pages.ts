// The provider's own pages (sign-in), in plain Chinese, laid out with the site's style sheet.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} - 退休一件事</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body>
  <header class="top"><div class="top-inner"><a class="brand" href="/">退休一件事</a></div></header>
  <main id="main">
    <h1>${escapeHtml(title)}</h1>
${body}
  </main>
  <footer class="foot"><p>遇到问题？请拨打 12333 咨询，或到就近的社会保障服务中心。</p></footer>
</body>
</html>`;
}

const problem = (text?: string) => (text ? `    <p class="status error" role="alert">${escapeHtml(text)}</p>\n` : '');
const cancel = (uid: string) => `    <p><a href="/oidc/interaction/${escapeHtml(uid)}/abort">不登录了，返回首页</a></p>`;

export function idNumberPage(uid: string, opts: { problem?: string; idNumber?: string } = {}): string {
  return page(
    '登录',
    `${problem(opts.problem)}    <p class="lead">输入您的身份证号码，我们会给您登记的手机发一条短信验证码。</p>
    <form method="post" action="/oidc/interaction/${escapeHtml(uid)}/code" novalidate>
      <div class="field${opts.problem ? ' has-error' : ''}">
        <label for="id-number">身份证号码</label>
        <p class="hint" id="id-number-hint">18 位，最后一位可能是 X</p>
        <input type="text" id="id-number" name="idNumber" value="${escapeHtml(opts.idNumber ?? '')}" autocomplete="off" required maxlength="18" spellcheck="false" aria-describedby="id-number-hint" autofocus>
      </div>
      <button type="submit" class="button">发送短信验证码</button>
    </form>
${cancel(uid)}`,
  );
}

export function codePage(uid: string, opts: { maskedPhone: string; idNumber: string; problem?: string }): string {
  return page(
    '输入短信验证码',
    `${problem(opts.problem)}    <p class="lead">验证码已发到您登记的手机 <strong class="mono">${escapeHtml(opts.maskedPhone)}</strong>，5 分钟内有效。</p>
    <form method="post" action="/oidc/interaction/${escapeHtml(uid)}/verify" novalidate>
      <div class="field${opts.problem ? ' has-error' : ''}">
        <label for="code">短信验证码</label>
        <p class="hint" id="code-hint">6 位数字。不要把验证码告诉任何人。</p>
        <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6" pattern="[0-9]{6}" aria-describedby="code-hint" autofocus>
      </div>
      <button type="submit" class="button">登录</button>
    </form>
    <form method="post" action="/oidc/interaction/${escapeHtml(uid)}/code" novalidate>
      <input type="hidden" name="idNumber" value="${escapeHtml(opts.idNumber)}">
      <button type="submit" class="button secondary">没收到？重新发送</button>
    </form>
${cancel(uid)}`,
  );
}

export function staffPage(uid: string, opts: { problem?: string; staffId?: string } = {}): string {
  return page(
    '工作人员登录',
    `${problem(opts.problem)}    <form method="post" action="/oidc/interaction/${escapeHtml(uid)}/staff" novalidate>
      <div class="field">
        <label for="staff-id">工号</label>
        <input type="text" id="staff-id" name="staffId" value="${escapeHtml(opts.staffId ?? '')}" autocomplete="username" required maxlength="64" spellcheck="false" autofocus>
      </div>
      <div class="field">
        <label for="password">密码</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200">
      </div>
      <button type="submit" class="button">登录</button>
    </form>
${cancel(uid)}`,
  );
}

export function expiredPage(): string {
  return page('登录已超时', `    <p class="lead">这次登录等得太久，已经失效了。请回到首页重新登录。</p>\n    <p><a class="button" href="/">返回首页</a></p>`);
}
