import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { fenText, type ContactLetter, type InfoSheet, type Scheme } from '../domain';
import type { InfoSheetSeal } from '../entities';

/**
 * Printable documents (T6, T9): the contact letter and the information sheet as A4 PDFs a clerk prints, rendered with
 * pdfkit and the Noto Sans SC font (SIL OFL 1.1) from the npm package @expo-google-fonts/noto-sans-sc, so no system
 * font is needed on any machine. pdfkit embeds only the glyphs used (a subset), so a page stays small.
 */
const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const BOLD_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
let fonts: { regular: Buffer; bold: Buffer } | null = null;
const loadFonts = () => (fonts ??= { regular: readFileSync(FONT_PATH), bold: readFileSync(BOLD_PATH) });

const SCHEME_ZH: Record<Scheme, string> = { EMPLOYEE: '职工基本医疗保险', RESIDENT: '城乡居民基本医疗保险' };
const ID_TYPE_ZH: Record<string, string> = {
  RESIDENT_ID: '居民身份证',
  BIRTH_CERTIFICATE: '出生医学证明',
  PASSPORT: '护照',
  HK_MACAO_PERMIT: '港澳居民来往内地通行证',
  TAIWAN_PERMIT: '台湾居民来往大陆通行证',
  FOREIGNER_PERMANENT_RESIDENCE: '外国人永久居留身份证',
};

const months = (n: number) => `${Math.floor(n / 12)} 年 ${n % 12} 个月（${n} 个月）`;
const dateZh = (d: string) => `${d.slice(0, 4)} 年 ${Number(d.slice(5, 7))} 月 ${Number(d.slice(8, 10))} 日`;

function render(title: string, createdAt: Date, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    info: { Title: title, Author: '天津市医疗保障经办机构', Creator: 'yibao transfer', CreationDate: createdAt },
  });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string, sub?: string): void {
  doc.font('cjk-bold').fontSize(18).text(text, { align: 'center' });
  if (sub) doc.font('cjk').fontSize(11).text(sub, { align: 'center' });
  doc.moveDown(1.2);
}

function row(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('cjk-bold').fontSize(11).text(`${label}：`, { continued: true }).font('cjk').text(value);
  doc.moveDown(0.3);
}

/** 《基本医疗保险关系转移接续联系函》 (附件1). */
export function renderContactLetter(letter: ContactLetter, createdAt: Date): Promise<Buffer> {
  return render(`基本医疗保险关系转移接续联系函 ${letter.letterNo}`, createdAt, (doc) => {
    heading(doc, '基本医疗保险关系转移接续联系函', `编号：${letter.letterNo}`);
    doc.font('cjk').fontSize(12).text(`${letter.toAgency.name}：`);
    doc.moveDown(0.5);
    doc
      .fontSize(12)
      .text(
        `    参保人员 ${letter.person.name}（${ID_TYPE_ZH[letter.person.idType] ?? letter.person.idType}：${letter.person.idNumber}）` +
          `已在我市参加${SCHEME_ZH[letter.toScheme]}，现申请将其在你处的${SCHEME_ZH[letter.fromScheme]}关系转入我市。` +
          '请按规定办理基本医疗保险关系转出手续，出具《参保人员基本医疗保险信息表》并邮寄至我单位；' +
          '参保人员个人账户有余额的，请办理个人账户余额划转手续。',
        { lineGap: 4 },
      );
    doc.moveDown(1);
    row(doc, '转出地', `${letter.toAgency.name}（${letter.toAgency.regionCode}）`);
    row(doc, '转入地', `${letter.fromAgency.name}（${letter.fromAgency.regionCode}）`);
    row(doc, '转出险种', SCHEME_ZH[letter.fromScheme]);
    row(doc, '转入险种', SCHEME_ZH[letter.toScheme]);
    if (letter.note) row(doc, '备注', letter.note);
    doc.moveDown(2);
    doc.font('cjk').fontSize(12).text(`${letter.fromAgency.name}（盖章）`, { align: 'right' });
    doc.text(dateZh(letter.issuedOn), { align: 'right' });
  });
}

/** 《参保人员基本医疗保险信息表》 (附件2), with the electronic seal's data on the online sheet. */
export function renderInfoSheet(sheet: InfoSheet, seal: InfoSheetSeal | null, createdAt: Date): Promise<Buffer> {
  return render(`参保人员基本医疗保险信息表 ${sheet.sheetNo}`, createdAt, (doc) => {
    heading(
      doc,
      '参保人员基本医疗保险信息表',
      `${sheet.mode === 'ONLINE' ? '一网通办模式' : '邮寄信函模式'}\u3000编号：${sheet.sheetNo}`,
    );
    row(doc, '姓名', sheet.person.name);
    row(doc, '证件类型', ID_TYPE_ZH[sheet.person.idType] ?? sheet.person.idType);
    row(doc, '证件号码', sheet.person.idNumber);
    row(doc, '险种', SCHEME_ZH[sheet.scheme]);
    row(doc, '转出地经办机构', `${sheet.issuingAgency.name}（${sheet.issuingAgency.regionCode}）`);
    row(doc, '转入地经办机构', `${sheet.receivingAgency.name}（${sheet.receivingAgency.regionCode}）`);
    doc.moveDown(0.5);
    doc.font('cjk-bold').fontSize(12).text('参保缴费情况');
    doc.moveDown(0.3);
    sheet.periods.forEach((p, i) => {
      doc
        .font('cjk')
        .fontSize(10.5)
        .text(
          `${i + 1}. ${p.from} 至 ${p.to}\u3000${SCHEME_ZH[p.scheme]}\u3000${p.regionCode}\u3000${p.unitName ?? ''}\u3000缴费 ${p.months} 个月`,
        );
    });
    doc.moveDown(0.5);
    row(doc, '实际缴费年限', months(sheet.actualMonths));
    row(doc, '视同缴费年限', months(sheet.deemedMonths));
    row(doc, '累计缴费年限', months(sheet.cumulativeMonths));
    row(doc, '个人账户余额', fenText(sheet.accountBalanceFen));
    if (sheet.note) row(doc, '备注', sheet.note);
    doc.moveDown(1.5);
    doc
      .font('cjk')
      .fontSize(12)
      .text(`${sheet.issuingAgency.name}（${seal ? '电子印章' : '盖章'}）`, { align: 'right' });
    doc.text(dateZh(sheet.issuedOn), { align: 'right' });
    if (seal) {
      doc.moveDown(1.5);
      doc.font('cjk-bold').fontSize(10).text('电子印章 / Electronic seal');
      doc
        .font('cjk')
        .fontSize(8.5)
        .text(
          `算法 algorithm: ${seal.algorithm}\u3000密钥 key: ${seal.keyId}\u3000签章时间 signed at: ${seal.signedAt}`,
        )
        .text(`内容摘要 SHA-256: ${seal.contentSha256}`)
        .text(`签名 signature: ${seal.signature}`);
    }
  });
}
