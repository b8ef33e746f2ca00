import type { User } from '@rpm/contracts';
import type { PatientStore } from '../patients/patient-store.ts';
import type { TeamStore } from '../teams/team-store.ts';

/**
 * Who may see which patient: admin sees everyone; a clinician sees the patients of their care teams; ops and
 * patients see no other patient's clinical data (the patient portal arrives with the people issue).
 */
export class PatientAccess {
  private readonly teams: TeamStore;
  private readonly patients: PatientStore;
  constructor(teams: TeamStore, patients: PatientStore) {
    this.teams = teams;
    this.patients = patients;
  }

  /** The teams whose patients `user` may see ('all' for admin). */
  async visibleTeams(user: User): Promise<readonly string[] | 'all'> {
    if (user.role === 'admin') return 'all';
    if (user.role === 'clinician') return this.teams.teamIdsOfUser(user.id);
    return [];
  }

  async canSeePatient(user: User, patientId: string): Promise<boolean> {
    const visible = await this.visibleTeams(user);
    if (visible === 'all') return true;
    if (visible.length === 0) return false;
    const teamsOfPatient = await this.patients.teamIdsOf(patientId);
    return teamsOfPatient.some((t) => visible.includes(t));
  }
}
