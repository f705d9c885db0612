// 文书真伪核验: reads /verify/{documentId} from the address, asks GET /v1/verify/{id}, and lets the reader
// upload a PDF to POST /v1/verify. Plain DOM, no framework; text only through textContent (no HTML injection).
(() => {
  var REASONS = {
    NO_SIGNATURE: '文件没有电子印章（数字签名）。',
    SIGNATURE_INVALID: '电子印章的签名无效。',
    DIGEST_MISMATCH: '文件内容在盖章后被改动过。',
    BYTE_RANGE_INCOMPLETE: '盖章后文件又被追加了内容。',
    UNTRUSTED_CERTIFICATE: '印章证书不是本平台签发的。',
    NOT_ISSUED: '本平台没有出具过与此完全相同的文件。',
  };

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function beijingTime(iso) {
    var t = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    var p = (n) => (n < 10 ? '0' : '') + n;
    return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}（北京时间）`;
  }

  function details(rows) {
    var dl = el('dl');
    rows.forEach((r) => {
      dl.appendChild(el('dt', r[0]));
      dl.appendChild(el('dd', r[1], r[2]));
    });
    return dl;
  }

  function show(container, nodes) {
    container.replaceChildren.apply(container, nodes);
  }

  // /verify/{id}, or /verify/index.html#{id} where the host cannot route page paths (the China regions' CloudFront).
  function documentIdFromPath() {
    var m = /^\/verify\/([^/?#]+)\/?$/.exec(location.pathname);
    if (!m || m[1] === 'index.html') m = /^#([^/?#]+)$/.exec(location.hash);
    if (!m) return null;
    try {
      return decodeURIComponent(m[1]);
    } catch (_e) {
      return null;
    }
  }

  function lookup(id) {
    var section = document.getElementById('lookup');
    var out = document.getElementById('lookup-result');
    section.hidden = false;
    fetch(`/v1/verify/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } })
      .then((res) => {
        if (res.status === 404 || res.status === 400) return { notFound: true };
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      })
      .then((d) => {
        if (d.notFound) {
          show(out, [el('p', '无法验证', 'verdict bad'), el('p', `没有找到编号为 ${id} 的文书。请核对二维码或文书编号。`)]);
          return;
        }
        show(out, [
          el('p', d.valid ? '真实有效' : '无法验证', `verdict ${d.valid ? 'ok' : 'bad'}`),
          el(
            'p',
            d.valid ? '这是本平台出具的文书，出具后未被改动。请核对纸面内容与下方信息一致。' : '存档文件未能通过核验，请携带文书到服务窗口核实，或拨打 12333。',
          ),
          details([
            ['文书名称', d.title],
            ['文书编号', d.documentId],
            ['出具单位', d.issuer],
            ['盖章时间', beijingTime(d.sealedAt)],
            ['案件编号', d.caseNumberMasked],
            ['文件指纹', d.sha256, 'hash'],
          ]),
        ]);
      })
      .catch(() => {
        show(out, [el('p', '暂时无法核验', 'verdict bad'), el('p', '网络或服务暂时不可用，请稍后再试。')]);
      });
  }

  function upload(ev) {
    ev.preventDefault();
    var out = document.getElementById('upload-result');
    var file = document.getElementById('pdf').files[0];
    if (!file) return;
    if (file.size > 4 * 1024 * 1024) {
      show(out, [el('p', '文件超过 4 MB，无法核验。', 'verdict bad')]);
      return;
    }
    show(out, [el('p', '正在核验，请稍候……')]);
    fetch('/v1/verify', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      })
      .then((d) => {
        if (d.valid) {
          show(out, [el('p', '真实有效', 'verdict ok'), el('p', `这是本平台出具的文书（编号 ${d.documentId}），内容未被改动。`)]);
          return;
        }
        var list = el('ul');
        (d.reasons || []).forEach((r) => {
          list.appendChild(el('li', REASONS[r] || r));
        });
        show(out, [el('p', '无法验证', 'verdict bad'), el('p', '原因：'), list]);
      })
      .catch(() => {
        show(out, [el('p', '暂时无法核验', 'verdict bad'), el('p', '请确认上传的是 PDF 文件，稍后再试。')]);
      });
  }

  document.getElementById('upload-form').addEventListener('submit', upload);
  var id = documentIdFromPath();
  if (id) lookup(id);
})();
