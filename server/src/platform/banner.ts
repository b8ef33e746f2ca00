import type { StartedPlatform } from './platform.ts';

/** What a person needs after `npm start`: where to go and how to log in. */
export function formatBanner(p: StartedPlatform): string {
  const lines = [
    '',
    '  RPM remote monitoring platform is running',
    '',
    `  Dashboard       ${p.addresses.httpUrl}/`,
    `  API docs        ${p.addresses.httpUrl}/api/v1/docs`,
    `  MQTT devices    ${p.addresses.mqttUrl}`,
    `  InfluxDB        ${p.addresses.influxUrl}${p.addresses.influxManaged ? '  (managed by the platform)' : ''}`,
    '',
    '  Logins',
    p.admin.shown
      ? `    admin / ${p.admin.password}    (administrator: sees every patient)`
      : '    admin / (the password set at first start; set RPM_ADMIN_PASSWORD to change it)',
  ];
  if (p.demo !== undefined) {
    lines.push(`    ${p.demo.username} / ${p.demo.password}    (demo care team nurse: ${p.demo.devices} simulated patients)`);
  }
  lines.push('', '  Stop with Ctrl-C.', '');
  return lines.join('\n');
}
