import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** No 0/O, 1/I/L: a COI is read aloud and typed from labels, so look-alike characters are left out. */
export const COI_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const COI_PATTERN = /^COI-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/** A random integer in [0, max); the system's is crypto-strong, tests pass a fixed sequence. */
export type RandomInt = (max: number) => number;

/** Issues chain-of-identity ids; uniqueness is enforced by the database, which asks for another on collision. */
@Injectable()
export class CoiGenerator {
  constructor(private readonly random: RandomInt = randomInt) {}

  next(): string {
    const chars = Array.from({ length: 8 }, () => COI_ALPHABET[this.random(COI_ALPHABET.length)]);
    return `COI-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
  }
}
