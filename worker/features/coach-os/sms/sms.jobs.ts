import type { CronJob } from '../../../jobs/types';

/** Every minute: plan reminders a lost booking event missed, then send what is due (each row once). */
export const smsSendDueJob: CronJob = {
  name: 'sms.send_due',
  async run(services) {
    const r = await services.sms.tick();
    return { count: r.settled };
  },
};
