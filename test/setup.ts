/**
 * fast-check seeds: fixed in CI (CI=true), so that a run never depends on luck; random
 * elsewhere, printed, and replayable with `FC_SEED=<seed> npm test`. A failure found locally
 * becomes a fixed regression case.
 */
import fc from 'fast-check'

const given = process.env.FC_SEED
const seed = given ? Number(given) : process.env.CI ? 20261127 : Math.floor(Math.random() * 2 ** 31)
fc.configureGlobal({seed})
console.info(`fast-check seed ${seed} (replay: FC_SEED=${seed} npm test)`)
