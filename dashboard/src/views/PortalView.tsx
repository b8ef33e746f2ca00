import type { PassportEntry, PassportSection, User, VitalType } from '@rpm/contracts';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { PAGE_TITLE_ID } from '../app/route.ts';
import { useResource } from '../app/use-resource.ts';
import { AlertHistory } from '../components/patient/AlertHistory.tsx';
import { DevicesPanel } from '../components/patient/DevicesPanel.tsx';
import { TrendChart } from '../components/patient/TrendChart.tsx';
import { VitalTiles } from '../components/patient/VitalTiles.tsx';
import { AccessLogPanel } from '../components/portal/AccessLogPanel.tsx';
import { CorrectionDialog } from '../components/portal/CorrectionDialog.tsx';
import { CorrectionsPanel } from '../components/portal/CorrectionsPanel.tsx';
import { PassportPanel } from '../components/portal/PassportPanel.tsx';
import { clinicUtcOffset } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';

/** the latest-reading tiles look this far back (as on the care team's patient page) */
const LATEST_WINDOW_MS = 7 * 24 * 3_600_000;

export interface PortalViewProps {
  readonly api: ApiClient;
  readonly user: User;
  readonly now: number;
}

/** The patient's own record, read-only: readings, passport, alerts, devices, who accessed it; and correction requests. */
export function PortalView({ api, user, now }: PortalViewProps) {
  const { t, intlLocale } = useLocale();
  const latest = useResource(() => api.listMyVitals({ from: Date.now() - LATEST_WINDOW_MS, to: Date.now() }), 'me');
  const passport = useResource(() => api.getMyPassport(), 'me');
  const corrections = useResource(() => api.listMyCorrections(), 'me');
  const alerts = useResource(() => api.listMyAlerts(), 'me');
  const devices = useResource(() => api.listMyDevices(), 'me');
  const accessLog = useResource(() => api.getMyAccessLog(), 'me');
  const [trendType, setTrendType] = useState<VitalType>('spo2');
  const [reporting, setReporting] = useState<{ section: PassportSection; entry: PassportEntry | undefined }>();
  const [sent, setSent] = useState(false);

  useEffect(() => {
    document.title = `${t('portal.title')} — ${t('app.name')}`;
  }, [t]);

  const report = (section: PassportSection, entry?: PassportEntry): void => {
    setSent(false);
    setReporting({ section, entry });
  };

  return (
    <main class="patient portal">
      <div class="portal__header">
        <h1 class="patient-summary__name" id={PAGE_TITLE_ID} tabIndex={-1}>
          {t('portal.title')}
        </h1>
        <p class="portal__name">{user.displayName}</p>
        <p class="queue__time-zone">{t('queue.timeZone', { offset: clinicUtcOffset(now, intlLocale) })}</p>
      </div>
      <p class="banner portal__intro">{t('portal.intro')}</p>
      <VitalTiles vitals={latest} now={now} selected={trendType} onSelect={setTrendType} />
      <TrendChart load={(request) => api.listMyVitals(request)} sourceKey="me" type={trendType} onTypeChange={setTrendType} />
      <PassportPanel passport={passport} onReport={report} />
      <CorrectionsPanel corrections={corrections}>
        <div class="corrections__tools">
          <button type="button" class="button button--primary" aria-haspopup="dialog" onClick={() => report('registration')}>
            {t('portal.corrections.new')}
          </button>
          {sent && (
            <p class="form-success" role="status">
              {t('portal.corrections.sentConfirmation')}
            </p>
          )}
        </div>
      </CorrectionsPanel>
      <AlertHistory history={alerts} />
      <DevicesPanel devices={devices} now={now} />
      <AccessLogPanel log={accessLog} audience="patient" />
      {reporting !== undefined && (
        <CorrectionDialog
          section={reporting.section}
          entry={reporting.entry}
          onSend={(request) => api.requestCorrection(request)}
          onSent={() => {
            setReporting(undefined);
            setSent(true);
            corrections.reload();
            accessLog.reload();
          }}
          onClose={() => setReporting(undefined)}
        />
      )}
    </main>
  );
}
