"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { Spinner } from "@/components/form";
import { buttonClass, Card, cx, Notice } from "@/components/ui";
import type { RenderedMail } from "@/emails/layout";
import { checkRecipients, parsePastedRecipients, type RawRecipient } from "@/lib/invitations/recipients";
import type { CsvState, PreviewState, SendState } from "../actions";

type Row = { key: number; name: string; email: string; loginName: string; locale: "" | "de" | "en" };
type Props = {
  servers: { id: string; name: string; serverId: string }[];
  defaultLocale: "de" | "en";
  messageMax: number;
  send: (input: unknown) => Promise<SendState>;
  preview: (input: unknown) => Promise<PreviewState>;
  parseCsv: (form: FormData) => Promise<CsvState>;
};

const input =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:ring-brand-600";
let nextKey = 1;
const toRow = (r: RawRecipient): Row => ({
  key: nextKey++,
  name: typeof r.name === "string" ? r.name : "",
  email: typeof r.email === "string" ? r.email : "",
  loginName: typeof r.loginName === "string" ? r.loginName : "",
  locale: r.locale === "de" || r.locale === "en" ? r.locale : "",
});

/** Compose app invitations: rows typed, pasted or uploaded, checked as you type, previewed, sent. */
export function Composer({ servers, defaultLocale, messageMax, send, preview, parseCsv }: Props) {
  const t = useTranslations("invitations");
  const tc = useTranslations("invitations.compose");
  const [serverId, setServerId] = useState(servers[0]?.id ?? "");
  const [locale, setLocale] = useState(defaultLocale);
  const [rows, setRows] = useState<Row[]>([toRow({})]);
  const [pasted, setPasted] = useState("");
  const [message, setMessage] = useState("");
  const [mail, setMail] = useState<RenderedMail | null>(null);
  const [result, setResult] = useState<SendState | null>(null);
  const [csvNote, setCsvNote] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [previewing, startPreview] = useTransition();
  const fileRef = useRef<HTMLInputElement>(null);

  const filled = rows.filter((r) => r.email.trim() || r.name.trim() || r.loginName.trim());
  const check = checkRecipients(
    filled.map((r) => ({ ...r, locale: r.locale || undefined })),
    locale,
  );
  const errorsByKey = new Map(check.rejected.map((r) => [filled[r.line - 1]?.key, r]));

  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRows = (more: Row[]) =>
    setRows((rs) => [...rs.filter((r) => r.email || r.name || r.loginName), ...more]);

  function onSend() {
    setResult(null);
    start(async () => {
      const submitted = filled;
      const res = await send({
        serverId,
        defaultLocale: locale,
        message,
        recipients: submitted.map((r) => ({
          name: r.name,
          email: r.email,
          loginName: r.loginName,
          locale: r.locale || undefined,
        })),
      });
      setResult(res);
      if (res.queued) {
        const keep = new Set((res.rejected ?? []).map((r) => submitted[r.line - 1]?.key));
        setRows((rs) => {
          const left = rs.filter((r) => keep.has(r.key));
          return left.length ? left : [toRow({})];
        });
      }
    });
  }

  function onPreview() {
    startPreview(async () => {
      const first = check.valid[0];
      const res = await preview({
        serverId,
        message,
        locale: first?.locale ?? locale,
        name: first?.name ?? "",
      });
      setMail(res.ok ? res.mail : null);
      if (!res.ok) setResult({ ok: false, message: res.message });
    });
  }

  async function onCsv(file: File | undefined) {
    if (!file) return;
    const form = new FormData();
    form.set("file", file);
    const res = await parseCsv(form);
    if (res.ok) {
      addRows(res.rows.map(toRow));
      setCsvNote({ tone: "success", text: tc("csvAdded", { count: res.rows.length }) });
    } else {
      setCsvNote({ tone: "error", text: t(`csvErrors.${res.message}` as "csvErrors.csv-empty") });
    }
    if (fileRef.current) fileRef.current.value = "";
  }

  const reason = (code: string) =>
    t.has(`reasons.${code}`) ? t(`reasons.${code}` as "reasons.invalid") : t("reasons.invalid");

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="space-y-6">
        {result?.queued ? (
          <Notice tone="success">
            {tc("queued", { count: result.queued })}{" "}
            <Link href="/invitations" className="font-semibold underline">
              {tc("toHistory")}
            </Link>
          </Notice>
        ) : null}
        {result && !result.ok && result.message && <Notice tone="error">{reason(result.message)}</Notice>}
        {result?.rejected && result.rejected.length > 0 && (
          <Card className="border-amber-200 p-4">
            <h2 className="text-sm font-semibold text-amber-900">{tc("rejectedTitle")}</h2>
            <p className="mb-2 text-sm text-amber-900">{tc("rejectedLead")}</p>
            <ul className="space-y-1 text-sm" data-testid="rejected">
              {result.rejected.map((r) => (
                <li key={`${r.line}-${r.input}`}>
                  <span className="font-mono text-xs text-slate-500">
                    {tc("line")} {r.line}
                  </span>{" "}
                  <span className="font-medium">{r.input || "–"}</span> — {reason(r.reason)}
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card className="p-5">
          <div className="grid gap-4 sm:grid-cols-2">
            <label className="block text-sm font-medium text-slate-800">
              {tc("server")}
              <select
                value={serverId}
                onChange={(e) => setServerId(e.target.value)}
                className={cx(input, "mt-1 bg-white ring-slate-300")}
              >
                {servers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.serverId})
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-sm font-medium text-slate-800">
              {tc("defaultLanguage")}
              <select
                value={locale}
                onChange={(e) => setLocale(e.target.value as "de" | "en")}
                className={cx(input, "mt-1 bg-white ring-slate-300")}
              >
                <option value="de">Deutsch</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
        </Card>
        <Card className="p-5">
          <h2 className="text-base font-semibold">{tc("recipients")}</h2>
          <p className="mb-4 text-sm text-slate-600">{tc("recipientsHint")}</p>
          <div className="space-y-2" data-testid="recipient-rows">
            {rows.map((r, i) => {
              const err = errorsByKey.get(r.key);
              return (
                <div
                  key={r.key}
                  className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_1.6fr_1fr_4.5rem_auto]"
                  data-row={i + 1}
                >
                  <input
                    aria-label={tc("name")}
                    placeholder={tc("name")}
                    value={r.name}
                    onChange={(e) => update(r.key, { name: e.target.value })}
                    className={cx(input, err?.field === "name" ? "ring-red-400" : "ring-slate-300")}
                  />
                  <div>
                    <input
                      aria-label={tc("email")}
                      placeholder={tc("email")}
                      value={r.email}
                      onChange={(e) => update(r.key, { email: e.target.value })}
                      aria-invalid={!!err}
                      className={cx(input, err?.field === "email" ? "ring-red-400" : "ring-slate-300")}
                    />
                    {err && (
                      <p className="mt-1 text-xs font-medium text-red-600" data-row-error={i + 1}>
                        {reason(err.reason)}
                      </p>
                    )}
                  </div>
                  <input
                    aria-label={tc("loginName")}
                    placeholder={tc("loginName")}
                    value={r.loginName}
                    onChange={(e) => update(r.key, { loginName: e.target.value })}
                    className={cx(input, err?.field === "loginName" ? "ring-red-400" : "ring-slate-300")}
                  />
                  <select
                    aria-label={tc("language")}
                    value={r.locale}
                    onChange={(e) => update(r.key, { locale: e.target.value as Row["locale"] })}
                    className={cx(input, "bg-white ring-slate-300")}
                  >
                    <option value="">{locale.toUpperCase()}</option>
                    <option value="de">DE</option>
                    <option value="en">EN</option>
                  </select>
                  <button
                    type="button"
                    onClick={() =>
                      setRows((rs) => (rs.length > 1 ? rs.filter((x) => x.key !== r.key) : [toRow({})]))
                    }
                    className="rounded-md px-2 text-xs font-semibold text-slate-500 hover:bg-slate-100 hover:text-red-700"
                    aria-label={`${tc("removeRow")} ${i + 1}`}
                  >
                    ✕
                  </button>
                </div>
              );
            })}
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={buttonClass("secondary")}
              onClick={() => setRows((rs) => [...rs, toRow({})])}
            >
              + {tc("addRow")}
            </button>
            <label className={buttonClass("secondary", "cursor-pointer")}>
              {tc("csv")}
              <input
                ref={fileRef}
                type="file"
                accept=".csv,text/csv"
                className="sr-only"
                onChange={(e) => onCsv(e.target.files?.[0])}
              />
            </label>
            <span className="text-xs text-slate-500">{tc("csvHint")}</span>
          </div>
          {csvNote && (
            <div className="mt-3">
              <Notice tone={csvNote.tone}>{csvNote.text}</Notice>
            </div>
          )}
          <details className="mt-4 rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">{tc("paste")}</summary>
            <p className="mt-2 text-xs text-slate-500">{tc("pasteHint")}</p>
            <textarea
              aria-label={tc("paste")}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              rows={5}
              className={cx(input, "mt-2 font-mono ring-slate-300")}
            />
            <button
              type="button"
              className={buttonClass("secondary", "mt-2")}
              disabled={!pasted.trim()}
              onClick={() => {
                addRows(parsePastedRecipients(pasted).map(toRow));
                setPasted("");
              }}
            >
              {tc("addPasted")}
            </button>
          </details>
          {check.rejected.length > 0 && (
            <p className="mt-3 text-sm text-amber-800">
              {tc("invalidRows", { count: check.rejected.length })}
            </p>
          )}
        </Card>
        <Card className="p-5">
          <label className="block text-sm font-medium text-slate-800" htmlFor="invitation-message">
            {tc("message")}
          </label>
          <textarea
            id="invitation-message"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            rows={4}
            className={cx(input, "mt-1", message.length > messageMax ? "ring-red-400" : "ring-slate-300")}
          />
          <p
            className={cx(
              "mt-1 text-xs",
              message.length > messageMax ? "font-medium text-red-600" : "text-slate-500",
            )}
          >
            {tc("messageHint", { max: messageMax })} ({message.length}/{messageMax})
          </p>
        </Card>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={onSend}
            disabled={pending || check.valid.length === 0 || !serverId || message.length > messageMax}
            aria-busy={pending}
            className={buttonClass("primary")}
          >
            {pending && <Spinner />}
            {pending ? tc("sending") : tc("send", { count: check.valid.length })}
          </button>
          <button
            type="button"
            onClick={onPreview}
            disabled={previewing || !serverId}
            className={buttonClass("secondary")}
          >
            {previewing && <Spinner />}
            {tc("preview")}
          </button>
        </div>
      </div>
      <Card className="h-fit overflow-hidden xl:sticky xl:top-6">
        <h2 className="border-b border-slate-200 px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {tc("previewTitle")}
        </h2>
        {mail ? (
          <>
            <p
              className="border-b border-slate-100 px-4 py-2 text-sm font-medium"
              data-testid="preview-subject"
            >
              {mail.subject}
            </p>
            <iframe
              title={tc("previewTitle")}
              sandbox=""
              srcDoc={mail.html}
              className="h-[560px] w-full bg-white"
            />
          </>
        ) : (
          <p className="px-4 py-10 text-center text-sm text-slate-500">{tc("preview")} →</p>
        )}
      </Card>
    </div>
  );
}
