import type { Programmes, VitalType } from '@rpm/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { AlertQueueModel } from '../alerts/use-alert-queue.ts';
import { PAGE_TITLE_ID, routeHref } from '../app/route.ts';
import { useResource } from '../app/use-resource.ts';
import { AlertHistory } from '../components/patient/AlertHistory.tsx';
import { PatientPassportPanel } from '../components/patient/PatientPassportPanel.tsx';
import { AccessLogPanel } from '../components/portal/AccessLogPanel.tsx';
import { ConsciousnessForm } from '../components/patient/ConsciousnessForm.tsx';
import { DevicesPanel } from '../components/patient/DevicesPanel.tsx';
import { News2Panel } from '../components/patient/News2Panel.tsx';
import { LoadState } from '../components/patient/Panel.tsx';
import { PatientSummary } from '../components/patient/PatientSummary.tsx';
import { ThresholdsPanel } from '../components/patient/ThresholdsPanel.tsx';
import { TrendChart } from '../components/patient/TrendChart.tsx';
import { VitalTiles } from '../components/patient/VitalTiles.tsx';
import { clinicUtcOffset } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';

/** the latest-reading tiles look this far back */
const LATEST_WINDOW_MS = 7 * 24 * 3_600_000;

export interface PatientViewProps {
  readonly api: ApiClient;
  readonly patientId: string;
  /** the live queue: a change to this patient's alerts refreshes NEWS2, the readings and the history */
  readonly queue: AlertQueueModel;
  readonly now: number;
}

/**
 * One patient: NEWS2, latest readings and trends, programmes, thresholds, ACVPU, alert history, devices, the health
 * passport and who accessed the record.
 */
export function PatientView({ api, patientId, queue, now }: PatientViewProps) {
  const { t, intlLocale } = useLocale();
  const patient = useResource(() => api.getPatient(patientId), patientId);
  const news2 = useResource(() => api.getNews2(patientId), patientId);
  const latest = useResource(() => api.listVitals(patientId, { from: Date.now() - LATEST_WINDOW_MS, to: Date.now() }), patientId);
  const thresholds = useResource(() => api.listThresholds(patientId), patientId);
  const history = useResource(() => api.listPatientAlerts(patientId), patientId);
  const devices = useResource(() => api.listDevices(patientId), patientId);
  const passport = useResource(() => api.getPassport(patientId), patientId);
  const passportHistory = useResource(() => api.getPassportHistory(patientId), patientId);
  const accessLog = useResource(() => api.getAccessLog(patientId), patientId);
  const [programmes, setProgrammes] = useState<Programmes>();
  const [trendType, setTrendType] = useState<VitalType>('spo2');

  const liveKey = queue.alerts
    .filter((alert) => alert.patientId === patientId)
    .map((alert) => `${alert.id}@${alert.updatedAt}`)
    .join(',');
  const seenLiveKey = useRef(liveKey);
  useEffect(() => {
    if (seenLiveKey.current === liveKey) return;
    seenLiveKey.current = liveKey;
    news2.reload();
    latest.reload();
    history.reload();
    devices.reload();
  }, [liveKey]);

  const name = patient.data?.name;
  useEffect(() => {
    document.title = name === undefined ? t('app.name') : `${name} — ${t('app.name')}`;
  }, [name, t]);

  const back = (
    <a class="back-link" href={routeHref({ page: 'queue' })}>
      <span class="back-link__arrow" aria-hidden="true">
        ←
      </span>
      {t('nav.backToQueue')}
    </a>
  );

  if (patient.data === undefined) {
    return (
      <main class="patient">
        {back}
        <h1 class="patient-summary__name" id={PAGE_TITLE_ID} tabIndex={-1}>
          {patient.notFound ? t('patient.notFound') : t('common.loading')}
        </h1>
        {!patient.notFound && <LoadState resource={patient} />}
      </main>
    );
  }

  const shown = programmes ?? { programs: patient.data.programs, spo2Target: patient.data.spo2Target };
  return (
    <main class="patient">
      <div class="patient__topline">
        {back}
        <p class="queue__time-zone">{t('queue.timeZone', { offset: clinicUtcOffset(now, intlLocale) })}</p>
      </div>
      <PatientSummary
        api={api}
        patientId={patientId}
        name={patient.data.name}
        programmes={shown}
        onProgrammesSaved={(next) => {
          setProgrammes(next);
          news2.reload();
          thresholds.reload();
        }}
      />
      <div class="patient__grid">
        <div class="patient__column">
          <News2Panel news2={news2} now={now} />
          <ConsciousnessForm api={api} patientId={patientId} onRecorded={news2.reload} />
        </div>
        <div class="patient__column">
          <VitalTiles vitals={latest} now={now} selected={trendType} onSelect={setTrendType} />
        </div>
      </div>
      <TrendChart
        load={(request) => api.listVitals(patientId, request)}
        sourceKey={patientId}
        type={trendType}
        onTypeChange={setTrendType}
        thresholds={thresholds.data}
        alerts={history.data?.alerts}
      />
      <ThresholdsPanel api={api} patientId={patientId} thresholds={thresholds} />
      <AlertHistory history={history} />
      <DevicesPanel devices={devices} now={now} />
      <PatientPassportPanel api={api} patientId={patientId} passport={passport} history={passportHistory} />
      <AccessLogPanel log={accessLog} audience="careTeam" />
    </main>
  );
}
