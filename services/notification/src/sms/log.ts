import { maskMobile, type Logger } from '@yibao/shared';
import type { SmsProvider, SmsRequest, SmsResult } from './provider';

/** Development: writes each SMS to the log (number masked) instead of sending it, and reports it accepted. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(
    private readonly logger: Logger,
    private readonly signature: string,
  ) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    this.logger.info(
      { smsId: request.id, to: maskMobile(request.to), text: `【${this.signature}】${request.text}` },
      'SMS (log adapter: not sent)',
    );
    return { ok: true, providerRef: `log-${request.id}` };
  }
}
