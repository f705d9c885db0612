// The sealed result documents on the progress screen: download with the sign-in, and a link to verify each.
import { downloadDocument, h } from '../lib/api.js';
import { say, busy } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { problemText, handleAuth } from '../lib/citizen-problem.js';
import { tr, chinese } from '../lib/i18n.js';

/** @returns {Node[]} nothing while the case has no documents yet */
export function documentParts(c) {
  if (!c.documents?.length) return [];
  return [
    h('h2', {}, tr('办理结果文书')),
    h(
      'ul',
      { class: 'documents' },
      c.documents.map((d) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'button download', 'data-document-id': d.documentId, onclick: (ev) => download(ev.currentTarget, c, d) },
            tr('下载：'),
            chinese(d.title),
          ),
          h('p', { class: 'hint' }, h('a', { href: `/verify/${encodeURIComponent(d.documentId)}` }, tr('查验这份文书的电子印章'))),
        ),
      ),
    ),
    h('p', { class: 'hint' }, tr('文书是 PDF 文件，带有电子印章，与窗口出具的纸质文书效力相同。')),
  ];
}

async function download(button, c, d) {
  busy(button, true, tr('正在下载…'));
  try {
    await downloadDocument(`/v1/cases/${c.caseNumber}/documents/${encodeURIComponent(d.documentId)}`, session.token, `${d.documentId}.pdf`);
    say(tr('已下载：{title}', { title: d.title }), 'ok');
  } catch (err) {
    if (!handleAuth(err)) say(tr('下载没有成功：{problem}', { problem: problemText(err) }), 'error');
  } finally {
    busy(button, false);
  }
}
