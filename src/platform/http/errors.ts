import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../time.js';
import { AppError } from '../errors.js';

/** Turns any error into a 4xx/5xx answer with a Chinese message; never leaks internals. */

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const FIELD_NAMES: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  name: '名称',
  displayName: '姓名',
  role: '角色',
  agencyId: '机关',
  version: '版本号',
};

const field = (path: string) => {
  const key = path.split('/').filter(Boolean).pop() ?? '';
  return FIELD_NAMES[key] ? `${FIELD_NAMES[key]}（${key}）` : key || '请求体';
};

export function validationMessage(errors: AjvError[], context: string): string {
  const e = errors[0];
  if (!e) return '请求数据不符合要求。';
  const where = context === 'querystring' ? '查询参数' : context === 'params' ? '路径参数' : '';
  switch (e.keyword) {
    case 'required':
      return `${where}缺少必填字段：${field(`${e.instancePath}/${String(e.params.missingProperty)}`)}。`;
    case 'additionalProperties':
      return `${where}包含不允许的字段：${String(e.params.additionalProperty)}。`;
    case 'type':
      return `${where}字段 ${field(e.instancePath)} 的类型不正确。`;
    case 'maxLength':
      return `字段 ${field(e.instancePath)} 过长（最多 ${String(e.params.limit)} 个字符）。`;
    case 'minLength':
      return Number(e.params.limit) === 1
        ? `字段 ${field(e.instancePath)} 不能为空。`
        : `字段 ${field(e.instancePath)} 过短（至少 ${String(e.params.limit)} 个字符）。`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return `字段 ${field(e.instancePath)} 的取值不在允许范围内。`;
    case 'pattern':
      if (e.params.pattern === DATE_PATTERN) return `字段 ${field(e.instancePath)} 的${DATE_RANGE_MESSAGE}。`;
      return `字段 ${field(e.instancePath)} 的格式不正确。`;
    case 'format':
      return `字段 ${field(e.instancePath)} 的格式不正确。`;
    case 'minimum':
    case 'maximum':
      return `字段 ${field(e.instancePath)} 的数值超出允许范围。`;
    default:
      return `请求数据不符合要求（${field(e.instancePath)}）。`;
  }
}

export function classifyError(err: FastifyError & { validation?: AjvError[]; validationContext?: string }): { status: number; code: string; message: string } {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message };
  if (err.validation) return { status: 400, code: 'invalid', message: validationMessage(err.validation, err.validationContext ?? 'body') };
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: '请求体不是有效的 JSON。' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: '请求体为空，需要 JSON 数据。' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, code: 'too_large', message: '提交的内容过大，超出了允许的上限。' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: '不支持该内容类型，请以 JSON 或表单提交。' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'bad_request', message: '请求长度与内容不符。' };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 400, code: 'bad_request', message: '上传表单格式不正确。' };
  }
  // PostgreSQL refusing a value (a NUL or an invalid byte in text, a malformed number or date): the input's fault.
  const pg = (err as { code?: string }).code;
  if (pg === '22021' || pg === '22P05' || pg === '22P02' || pg === '22007' || pg === '22008' || pg === '22003') {
    return { status: 400, code: 'bad_request', message: '提交的内容包含无效的字符或数值，请检查后重新提交。' };
  }
  // A malformed multipart body (busboy's errors carry no status): the client's mistake, not the server's.
  if (
    /^(Unexpected end of (form|file|multipart data)|Malformed (part )?header|Part terminated early|(Multipart: )?Boundary not found)/i.test(String(err.message))
  ) {
    return { status: 400, code: 'bad_request', message: '上传表单格式不正确（multipart 内容不完整或已损坏）。' };
  }
  if (err instanceof SyntaxError && (err as { statusCode?: number }).statusCode === 400) {
    return { status: 400, code: 'invalid_json', message: '请求体不是有效的 JSON。' };
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 429) return { status, code: 'too_many_requests', message: '请求过于频繁，请稍后再试。' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request', message: '请求不正确。' };
  return { status: 500, code: 'internal', message: '服务器内部错误，请稍后再试；如问题持续，请联系系统管理员。' };
}

export type HtmlErrorRenderer = (status: number, message: string, req: FastifyRequest) => string;

export function makeErrorHandler(renderHtml: HtmlErrorRenderer) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const { status, code, message } = classifyError(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code, status }, message);
    const wantsHtml = !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (wantsHtml)
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .send(renderHtml(status, message, req));
    return reply.status(status).send({ error: code, message, ...(err instanceof AppError && err.details ? { details: err.details } : {}) });
  };
}
