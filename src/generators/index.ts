/** The generators, in the order layouts are detected (the first whose `detect` says yes; generic last). */

import type {Site} from '../site/types.js'
import {docusaurus} from './docusaurus.js'
import {gatsby} from './gatsby.js'
import {generic} from './generic.js'
import {hugo} from './hugo.js'
import {jekyll} from './jekyll.js'
import {pelican} from './pelican.js'
import type {Generator, GeneratorModule, ResolvedConfig} from './types.js'

export const generatorModules: Readonly<Record<Generator, GeneratorModule>> = {jekyll, hugo, docusaurus, gatsby, pelican, generic}

const detectionOrder: readonly GeneratorModule[] = [jekyll, docusaurus, gatsby, pelican, hugo, generic]

export const generatorNames = Object.keys(generatorModules) as Generator[]

export function generatorFor(name: Generator): GeneratorModule {
  return generatorModules[name]
}

export function detectGenerator(files: readonly string[]): GeneratorModule {
  return detectionOrder.find((module) => module.detect(files)) ?? generic
}

/** A site's config with the generator's settings, and a fresh scratch for the module's readings of them. */
export function resolveConfig(config: Site['config'], settings: Readonly<Record<string, unknown>>): ResolvedConfig {
  return {...config, settings, scratch: new Map()}
}

export type * from './types.js'
