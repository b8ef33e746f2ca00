/** Packet identifiers 1–65535 [MQTT-2.3.1-1], handed out in turn, skipping any still in use [MQTT-2.3.1-2]. */
export class MessageIds {
  private last = 0;

  /** @param inUse whether an id still awaits its acknowledgement */
  next(inUse: (id: number) => boolean): number {
    for (let tries = 0; tries < 65_535; tries++) {
      this.last = this.last >= 65_535 ? 1 : this.last + 1;
      if (!inUse(this.last)) return this.last;
    }
    throw new RangeError('all 65,535 MQTT packet identifiers are in use');
  }
}
